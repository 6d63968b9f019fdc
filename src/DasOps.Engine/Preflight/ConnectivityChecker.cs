using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Remote;
using DasOps.Engine.Publishing;
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
    /// <summary>
    /// One channel open at a time per node: with several in flight, SSH.NET's dynamic forward reported a refusal the
    /// node's sshd never sent (seen in the lab, nats from node2), and a few endpoints one after another take under a second.
    /// </summary>
    public const int PerNodeParallelism = 1;

    /// <summary>Nodes checked at once, as for status.</summary>
    private const int ParallelNodesDefault = 8;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    public static async Task<IReadOnlyList<ConnectivityResult>> CheckAsync(IReadOnlyList<NodeEndpoints> plan, Func<NodeSpec, IRemoteShell> shellFor,
        TimeSpan timeout, IOperationReporter reporter, CancellationToken cancellationToken)
    {
        var done = 0;
        var entries = plan.ToDictionary(e => e.Node);
        var perNode = await ParallelNodes.RunAsync(plan.Select(e => e.Node).ToList(), ParallelNodesDefault, null, reporter, async node =>
        {
            var entry = entries[node];
            reporter.NodeProgress(node.Name, $"checking {entry.Endpoints.Count} endpoint(s)", 0);
            var results = await CheckNodeAsync(entry, shellFor, timeout, cancellationToken).ConfigureAwait(false);
            var failed = results.Count(r => !r.Reached);
            reporter.NodeProgress(node.Name, failed == 0 ? "all reached" : $"{failed} of {results.Count} not reached", 100, completed: true);
            var finished = Interlocked.Increment(ref done);
            reporter.Progress("Connectivity", $"{finished} of {plan.Count} node(s) checked", 100 * finished / Math.Max(1, plan.Count));
            return results;
        }, (_, fault) => fault.Rethrow<IReadOnlyList<ConnectivityResult>>(), cancellationToken).ConfigureAwait(false);
        return perNode.SelectMany(r => r).ToList();
    }

    private static async Task<IReadOnlyList<ConnectivityResult>> CheckNodeAsync(NodeEndpoints entry, Func<NodeSpec, IRemoteShell> shellFor, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var node = entry.Node;
        if (!(shellFor(node) is ITcpProbe probe))
            return entry.Endpoints.Select(e => new ConnectivityResult(node.Name, node.Host, e, ConnectivityOutcome.NodeUnreachable,
                "this transport cannot open channels from the node", 0)).ToList();
        using var slots = new SemaphoreSlim(PerNodeParallelism);
        var results = await Task.WhenAll(entry.Endpoints.Select(async endpoint =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
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
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);
        return results;
    }
}
