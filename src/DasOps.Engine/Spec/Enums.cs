namespace DasOps.Engine.Spec;

/// <summary>The WSO2 product a cluster runs.</summary>
public enum Product
{
    Das,
    IsAnalytics,
    StreamProcessor,
}

/// <summary>The deployment pattern: seeds 000-003 (DAS, IS Analytics) and seed 004 (Stream Processor).</summary>
public enum Pattern
{
    MinimumHa,
    FullyDistributed,

    /// <summary>SP 4.x fully distributed (seed 004): a manager cluster, resource workers and receiver workers.</summary>
    Distributed,
}

/// <summary>Roles of a fully distributed DAS node; minimum-HA nodes hold every role.</summary>
public enum NodeRole
{
    Receiver,
    Indexer,
    Analyzer,
    Dashboard,
    Storm,
}

/// <summary>
/// Roles of a Stream Processor node (seed 004). Separate from <see cref="NodeRole"/> so DAS code never sees them;
/// the spec lists both under <c>roles:</c> and validation refuses a role of the other product.
/// </summary>
public enum SpNodeRole
{
    /// <summary>Runs the manager runtime (bin/manager.sh): the HA manager cluster that splits and places apps.</summary>
    Manager,

    /// <summary>Runs the worker runtime as a resource node (bin/worker.sh, deployment.config isReceiverNode: false).</summary>
    Worker,

    /// <summary>A resource node with <c>isReceiverNode: true</c>: hosts the groups with user-defined sources (HTTP, Thrift).</summary>
    ReceiverWorker,
}

/// <summary>How DasOps reaches the nodes (spec `transport:`, -Transport, --transport).</summary>
public enum Transport
{
    /// <summary>SSH.NET, in process: one connection per host for an operation, each command a channel on it. The default.</summary>
    SshNet,

    /// <summary>The system's OpenSSH client with ControlMaster, for users who need their ssh_config, an agent or a smart card.</summary>
    OpenSsh,
}
