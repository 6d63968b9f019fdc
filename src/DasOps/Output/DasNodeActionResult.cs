using System;
using DasOps.Engine.Lifecycle;
using DasOps.Internal;

namespace DasOps;

/// <summary>
/// What Start-, Stop- or Restart-DasNode did to one node. Its Cluster and Node properties bind to -Cluster and
/// -Node of the node cmdlets.
/// </summary>
public sealed class DasNodeActionResult
{
    internal DasNodeActionResult(DasCluster cluster, NodeActionResult result)
    {
        Cluster = cluster;
        Node = result.Node;
        Outcome = EnumMap.ToModule<DasNodeOutcome>(result.Outcome);
        Pid = result.Pid;
        Duration = result.Duration;
        Detail = result.Detail;
    }

    public DasCluster Cluster { get; }

    public string Node { get; }

    public DasNodeOutcome Outcome { get; }

    /// <summary>The server's process id: the new one after a start, the stopped one after a stop.</summary>
    public int? Pid { get; }

    public TimeSpan Duration { get; }

    /// <summary>What happened, in words: how long the start took and on which port, or why it failed.</summary>
    public string Detail { get; }

    public bool Succeeded => Outcome != DasNodeOutcome.Failed;

    public override string ToString() => $"{Node}: {Outcome}";
}
