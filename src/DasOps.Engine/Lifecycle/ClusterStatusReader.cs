using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Products;
using DasOps.Engine.Publishing;
using DasOps.Engine.Spec;
using DasOps.Engine.Remote;

namespace DasOps.Engine.Lifecycle;

/// <summary>
/// Get-DasNode / `dasops status`: every node probed in parallel (at most <see cref="Publishing.PublishOptions.DefaultParallelism"/>
/// at once), one status each (unreachable ones say so).
/// </summary>
public static class ClusterStatusReader
{
    /// <summary>What a node holds is the product's to say; a node that cannot be read gets a status that says why.</summary>
    public static Task<IReadOnlyList<NodeStatus>> ReadAsync(ClusterSpec spec, IEnumerable<NodeSpec> nodes, Func<NodeSpec, IRemoteShell> shellFor, CancellationToken cancellationToken)
    {
        var product = ProductCatalog.For(spec);
        return ParallelNodes.RunAsync(nodes.Where(product.Topology.Manages).ToList(), PublishOptions.DefaultParallelism, null, SilentReporter.Instance,
            node => product.ReadStatusAsync(node, shellFor(node), cancellationToken),
            (node, fault) => fault.IsLifecycle ? product.UnreadableStatus(node, fault.Message) : fault.Rethrow<NodeStatus>(), cancellationToken);
    }

    /// <summary>Where a node's Spark master UI listens: SPARK_LOCAL_IP when set, else the node's cluster address.</summary>
    internal static string SparkHostOf(ClusterSpec spec, NodeSpec node) => node.SparkLocalIp ?? node.Host;
}
