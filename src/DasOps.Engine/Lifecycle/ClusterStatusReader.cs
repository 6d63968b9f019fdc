using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Products.Das;
using DasOps.Engine.Spec;
using DasOps.Engine.Remote;

namespace DasOps.Engine.Lifecycle;

/// <summary>
/// Get-DasNode / `dasops status`: every node probed in parallel (at most <see cref="Publishing.PublishOptions.DefaultParallelism"/>
/// at once), one status each (unreachable ones say so).
/// </summary>
public static class ClusterStatusReader
{
    public static async Task<IReadOnlyList<NodeStatus>> ReadAsync(ClusterSpec spec, IEnumerable<NodeSpec> nodes, Func<NodeSpec, IRemoteShell> shellFor, CancellationToken cancellationToken)
    {
        var topology = new DasTopology(spec);
        return await BoundedParallel.RunAsync(nodes.Where(topology.IsDasNode), async node =>
        {
            var roles = spec.Pattern == Pattern.MinimumHa ? "All" : string.Join(",", node.Roles);
            var expected = topology.ClusterOf(node).Count;
            try
            {
                var shell = shellFor(node);
                var runtime = await NodeProbe.ReadAsync(shell, spec.HomeOf(node), 0, spec.SparkSymlinkOf(node), cancellationToken).ConfigureAwait(false);
                string? spark = null;
                if (runtime.Alive && topology.RunsSpark(node))
                    spark = await SparkProbe.ReadNodeAsync(spec, node, shell, cancellationToken).ConfigureAwait(false);
                var process = runtime.Alive ? "running" : runtime.Pid != null ? "stale pid file" : "stopped";
                var ready = runtime.Alive && runtime.Started && runtime.Listening.Contains(NodePorts.HttpsOf(spec, node));
                return new NodeStatus(node.Name, node.Host, roles, process, runtime.Alive ? runtime.Pid : null, ready,
                    runtime.Alive ? runtime.CepState : null, spark, runtime.Alive ? runtime.MemberCount : null, expected, "");
            }
            catch (LifecycleException e)
            {
                return new NodeStatus(node.Name, node.Host, roles, "unreachable", null, false, null, null, null, expected, e.Message);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Where a node's Spark master UI listens: SPARK_LOCAL_IP when set, else the node's cluster address.</summary>
    internal static string SparkHostOf(ClusterSpec spec, NodeSpec node) => node.SparkLocalIp ?? node.Host;
}
