using DasOps.Engine.Lifecycle;
using DasOps.Engine.Products;

namespace DasOps;

/// <summary>
/// What Get-DasNode found on a node: its process, readiness, CEP HA role, Spark master state and cluster membership.
/// Its Cluster and Node properties bind to -Cluster and -Node of the node cmdlets.
/// </summary>
public sealed class DasNodeStatus
{
    internal DasNodeStatus(DasCluster cluster, NodeStatus status)
    {
        Cluster = cluster;
        Node = status.Node;
        Host = status.Host;
        Roles = status.Roles;
        Role = cluster.Spec.FindNode(status.Node) is { } node ? ProductCatalog.For(cluster.Spec).Topology.RoleOf(node) : "";
        Process = status.Process;
        Pid = status.Pid;
        Ready = status.Ready;
        Cep = status.Cep;
        Spark = status.Spark;
        Members = status.Members;
        ExpectedMembers = status.ExpectedMembers;
        Detail = status.Detail;
    }

    public DasCluster Cluster { get; }

    public string Node { get; }

    public string Host { get; }

    /// <summary>The node's roles, comma separated; All on a MinimumHa cluster.</summary>
    public string Roles { get; }

    /// <summary>The profile the node starts with: Receiver, Indexer, Analyzer or Dashboard, or Default (every role) on a MinimumHa cluster.</summary>
    public string Role { get; }

    /// <summary>running, stopped, "stale pid file" (the pid file names a dead process) or unreachable.</summary>
    public string Process { get; }

    public int? Pid { get; }

    /// <summary>Running, logged "WSO2 Carbon started", and listening on its HTTPS port.</summary>
    public bool Ready { get; }

    /// <summary>The CEP HA role of this boot: Active, Passive, Backup; null when not running or not in HA mode.</summary>
    public string? Cep { get; }

    /// <summary>The Spark master's state from its /json page (ALIVE, STANDBY ...); null when the node runs no master.</summary>
    public string? Spark { get; }

    /// <summary>Members of the node's Hazelcast cluster as the node last logged them; null when not running.</summary>
    public int? Members { get; }

    /// <summary>Members the node's cluster should have, from the spec.</summary>
    public int ExpectedMembers { get; }

    /// <summary>Why a node is unreachable; empty otherwise.</summary>
    public string Detail { get; }

    public override string ToString() => $"{Node}: {Process}";
}
