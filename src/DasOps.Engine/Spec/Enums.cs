namespace DasOps.Engine.Spec;

/// <summary>The WSO2 product a cluster runs. StreamProcessor is reserved for SP 4.x support.</summary>
public enum Product
{
    Das,
    IsAnalytics,
    StreamProcessor,
}

/// <summary>The deployment pattern of seeds 000-003.</summary>
public enum Pattern
{
    MinimumHa,
    FullyDistributed,
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

/// <summary>How DasOps reaches the nodes (spec `transport:`, -Transport, --transport).</summary>
public enum Transport
{
    /// <summary>SSH.NET, in process: one connection per host for an operation, each command a channel on it. The default.</summary>
    SshNet,

    /// <summary>The system's OpenSSH client with ControlMaster, for users who need their ssh_config, an agent or a smart card.</summary>
    OpenSsh,
}
