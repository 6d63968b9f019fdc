using System;
using System.Linq;
using DasOps.Engine.Products;
using DasOps.Engine.Spec;
using DasOps.Internal;

namespace DasOps;

/// <summary>
/// One node of a cluster, as the spec describes it. Its Cluster and Node properties bind to -Cluster and -Node of the
/// node cmdlets (<c>$cluster.Nodes | Where-Object Role -eq Receiver | Restart-DasNode</c>); Node repeats Name so that
/// the cluster's own Name never binds to -Node.
/// </summary>
public sealed class DasNodeInfo
{
    internal DasNodeInfo(DasCluster cluster, NodeSpec node)
    {
        Cluster = cluster;
        NodeSpec = node;
    }

    internal NodeSpec NodeSpec { get; }

    public DasCluster Cluster { get; }

    public string Name => NodeSpec.Name;

    /// <summary>The node's name again, under the name the node cmdlets' -Node parameter binds from.</summary>
    public string Node => NodeSpec.Name;

    public string Host => NodeSpec.Host;

    /// <summary>The profile the node starts with: Receiver, Indexer, Analyzer or Dashboard, or Default (every role) on a MinimumHa cluster.</summary>
    public string Role => ProductCatalog.For(Cluster.Spec).Topology.RoleOf(NodeSpec);

    /// <summary>The roles the node holds: on a MinimumHa cluster every role but Storm, whatever the spec lists.</summary>
    public DasNodeRole[] Roles =>
        Enum.GetValues(typeof(NodeRole)).Cast<NodeRole>()
            .Where(role => Cluster.Spec.HasRole(NodeSpec, role))
            .Select(role => EnumMap.ToModule<DasNodeRole>(role))
            .ToArray();

    /// <summary>The product home (CARBON_HOME) on the node.</summary>
    public string Home => Cluster.Spec.HomeOf(NodeSpec);

    public int PortOffset => Cluster.Spec.PortOffsetOf(NodeSpec);

    public override string ToString() => Name;
}
