using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Preflight;

/// <summary>
/// Test-DasCluster -Connectivity / `dasops validate --live`: from every node, through that node's own SSH connection,
/// whether each of its endpoints accepts a TCP connection. Nodes run in parallel (at most
/// <see cref="Publishing.PublishOptions.DefaultParallelism"/> at once, as status does); a node's endpoints at most
/// <see cref="PerNodeParallelism"/> at once, so one node never holds more channels than a default sshd allows.
/// </summary>
public static class ConnectivityChecker
{
    public const int PerNodeParallelism = 4;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    public static async Task<IReadOnlyList<ConnectivityResult>> CheckAsync(IReadOnlyList<NodeEndpoints> plan, Func<NodeSpec, IRemoteShell> shellFor,
        TimeSpan timeout, IOperationReporter reporter, CancellationToken cancellationToken)
    {
        var done = 0;
        var perNode = await BoundedParallel.RunAsync(plan, async entry =>
        {
            var node = entry.Node;
            reporter.NodeProgress(node.Name, $"checking {entry.Endpoints.Count} endpoint(s)", 0);
            var results = await CheckNodeAsync(entry, shellFor, timeout, cancellationToken).ConfigureAwait(false);
            var failed = results.Count(r => !r.Reached);
            reporter.NodeProgress(node.Name, failed == 0 ? "all reached" : $"{failed} of {results.Count} not reached", 100, completed: true);
            var finished = Interlocked.Increment(ref done);
            reporter.Progress("Connectivity", $"{finished} of {plan.Count} node(s) checked", 100 * finished / Math.Max(1, plan.Count));
            return results;
        }).ConfigureAwait(false);
        return perNode.SelectMany(r => r).ToList();
    }

    private static async Task<IReadOnlyList<ConnectivityResult>> CheckNodeAsync(NodeEndpoints entry, Func<NodeSpec, IRemoteShell> shellFor, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var node = entry.Node;
        if (!(shellFor(node) is ITcpProbe probe))
            return entry.Endpoints.Select(e => new ConnectivityResult(node.Name, node.Host, e, ConnectivityOutcome.NodeUnreachable,
                "this transport cannot open channels from the node", 0)).ToList();
        var results = await BoundedParallel.RunAsync(entry.Endpoints, async endpoint =>
        {
            var watch = Stopwatch.StartNew();
            try
            {
                var answer = await probe.ProbeAsync(endpoint.Host, endpoint.Port, timeout, cancellationToken).ConfigureAwait(false);
                return new ConnectivityResult(node.Name, node.Host, endpoint, answer.Reached ? ConnectivityOutcome.Reached : ConnectivityOutcome.Unreachable,
                    answer.Detail, watch.ElapsedMilliseconds);
            }
            catch (TcpProbeNodeException e)
            {
                return new ConnectivityResult(node.Name, node.Host, endpoint, ConnectivityOutcome.NodeUnreachable, e.Message, watch.ElapsedMilliseconds);
            }
        }, PerNodeParallelism).ConfigureAwait(false);
        return results;
    }
}
