using System.Collections.Generic;
using System.Linq;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Products.Das;

/// <summary>
/// Who talks to whom in a DAS cluster: the WKA member lists, Spark nodes, presenters and the dep-sync committer.
/// Kept apart from the file edits so the same answers drive configuration, start order and HA checks.
/// </summary>
public sealed class DasTopology : IProductTopology
{
    private readonly ClusterSpec _spec;

    public DasTopology(ClusterSpec spec) => _spec = spec;

    /// <summary>Nodes that run DAS at all (Storm nodes run Apache Storm, which DasOps does not configure).</summary>
    public IEnumerable<NodeSpec> DasNodes => _spec.Nodes.Where(IsDasNode);

    public bool IsDasNode(NodeSpec node) => !(node.Roles.Count == 1 && node.Roles[0] == NodeRole.Storm);

    IReadOnlyList<NodeSpec> IProductTopology.ManagedNodes => DasNodes.ToList();

    bool IProductTopology.Manages(NodeSpec node) => IsDasNode(node);

    string? IProductTopology.UnmanagedReasonOf(NodeSpec node) => IsDasNode(node) ? null : "runs only Storm, which DasOps does not configure";

    string IProductTopology.RoleOf(NodeSpec node) => ProfileOf(node);

    public IReadOnlyList<IReadOnlyList<NodeSpec>> StartWavesOf(IEnumerable<NodeSpec> selected) => DasStartOrder.WavesOf(_spec, this, selected);

    /// <summary>
    /// The well-known members a node lists in axis2.xml. Minimum HA: both nodes. Fully distributed (seed 002):
    /// analyzers list only analyzers, so Spark workers form their own cluster; every other node lists the indexers
    /// and the receivers.
    /// </summary>
    public IReadOnlyList<NodeSpec> WkaMembersOf(NodeSpec node)
    {
        if (_spec.Pattern == Pattern.MinimumHa) return DasNodes.ToList();
        if (node.HasRole(NodeRole.Analyzer)) return _spec.NodesWithRole(NodeRole.Analyzer).ToList();
        return _spec.NodesWithRole(NodeRole.Indexer).Concat(_spec.NodesWithRole(NodeRole.Receiver)).Distinct().ToList();
    }

    /// <summary>The Hazelcast cluster a node ends up in: everyone reachable through the WKA lists.</summary>
    public IReadOnlyList<NodeSpec> ClusterOf(NodeSpec node)
    {
        var members = WkaMembersOf(node);
        if (_spec.Pattern == Pattern.MinimumHa || node.HasRole(NodeRole.Analyzer)) return members;
        // Dashboards (and any other non-analyzer node) join the receiver/indexer cluster through its WKA members.
        return DasNodes.Where(n => !n.HasRole(NodeRole.Analyzer)).ToList();
    }

    /// <summary>Nodes whose Spark context runs: analyzers (every node in minimum HA).</summary>
    public bool RunsSpark(NodeSpec node) => _spec.HasRole(node, NodeRole.Analyzer);

    public IReadOnlyList<NodeSpec> SparkNodes => DasNodes.Where(RunsSpark).ToList();

    /// <summary>Presenter nodes: the dashboards of a fully distributed cluster; none in minimum HA (seed 003 makes it optional).</summary>
    public bool IsPresenter(NodeSpec node) => _spec.Pattern == Pattern.FullyDistributed && node.HasRole(NodeRole.Dashboard);

    /// <summary>The host other nodes send presentation events to: the first presenter, else the node itself.</summary>
    public string PresentationHostFor(NodeSpec node) =>
        DasNodes.FirstOrDefault(IsPresenter)?.Host is { } presenter && !IsPresenter(node) ? presenter : node.Host;

    /// <summary>Nodes that process events and so take part in CEP HA (active/passive): receivers (both nodes in minimum HA).</summary>
    public bool RunsCepHa(NodeSpec node) => _spec.HasRole(node, NodeRole.Receiver) && !IsPresenter(node);

    public bool IsDepSyncCommitter(NodeSpec node) =>
        _spec.DepSync is { Enabled: true } dep && dep.Committers.Any(c => string.Equals(c, node.Name, System.StringComparison.OrdinalIgnoreCase));

    /// <summary>The wso2server.sh profile flag a node starts with (seed 000's table), or null for the default profile.</summary>
    public string? ProfileFlagOf(NodeSpec node) => ProfileOf(node) switch
    {
        nameof(NodeRole.Receiver) => "-receiverNode",
        nameof(NodeRole.Indexer) => "-indexerNode",
        nameof(NodeRole.Analyzer) => "-analyzerNode",
        nameof(NodeRole.Dashboard) => "-dashboardNode",
        _ => null,
    };

    /// <summary>
    /// The profile a node starts with, named as its role (Receiver, Indexer, Analyzer, Dashboard; Storm for a Storm-only
    /// node), or <see cref="DefaultProfile"/> on a minimum-HA cluster, whose nodes start without a profile flag.
    /// </summary>
    public string ProfileOf(NodeSpec node)
    {
        if (_spec.Pattern == Pattern.MinimumHa) return DefaultProfile;
        foreach (var role in new[] { NodeRole.Receiver, NodeRole.Indexer, NodeRole.Analyzer, NodeRole.Dashboard })
            if (node.HasRole(role)) return role.ToString();
        return nameof(NodeRole.Storm);
    }

    public const string DefaultProfile = "Default";
}
