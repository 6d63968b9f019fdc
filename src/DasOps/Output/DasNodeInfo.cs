using System;
using System.Linq;
using DasOps.Engine.Spec;
using DasOps.Internal;

namespace DasOps;

/// <summary>One node of a cluster. Its Cluster and Name properties bind to -Cluster and -Node of node cmdlets.</summary>
public sealed class DasNodeInfo
{
    internal DasNodeInfo(DasCluster cluster, NodeSpec node)
    {
        Cluster = cluster;
        Node = node;
    }

    internal NodeSpec Node { get; }

    public DasCluster Cluster { get; }

    public string Name => Node.Name;

    public string Host => Node.Host;

    /// <summary>The roles the node holds: on a MinimumHa cluster every role but Storm, whatever the spec lists.</summary>
    public DasNodeRole[] Roles =>
        Enum.GetValues(typeof(NodeRole)).Cast<NodeRole>()
            .Where(role => Cluster.Spec.HasRole(Node, role))
            .Select(role => EnumMap.ToModule<DasNodeRole>(role))
            .ToArray();

    /// <summary>The product home (CARBON_HOME) on the node.</summary>
    public string Home => Cluster.Spec.HomeOf(Node);

    public int PortOffset => Cluster.Spec.PortOffsetOf(Node);

    public override string ToString() => Name;
}
