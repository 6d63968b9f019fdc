using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Products;
using DasOps.Engine.Publishing;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Lifecycle;

/// <summary>
/// Start, stop and restart across the cluster (Start-DasNode, `dasops start` ...): one result per node, nodes of a
/// wave in parallel (at most <see cref="Publishing.PublishOptions.DefaultParallelism"/> at once), and a node that fails or
/// cannot be reached never stops the others.
/// </summary>
public sealed class ClusterLifecycle
{
    private readonly ClusterSpec _spec;
    private readonly Func<NodeSpec, IRemoteShell> _shellFor;
    private readonly IOperationReporter _reporter;
    private readonly IProduct _product;

    public ClusterLifecycle(ClusterSpec spec, Func<NodeSpec, IRemoteShell> shellFor, IOperationReporter? reporter = null)
    {
        _spec = spec;
        _shellFor = shellFor;
        _reporter = reporter ?? SilentReporter.Instance;
        _product = ProductCatalog.For(spec);
    }

    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public NodeLifecycle For(NodeSpec node) =>
        new NodeLifecycle(_spec, node, _shellFor(node), _reporter, _product) { StartTimeout = StartTimeout, StopTimeout = StopTimeout };

    public async Task<IReadOnlyList<NodeActionResult>> StartAsync(IEnumerable<NodeSpec> nodes, CancellationToken cancellationToken)
    {
        var results = new List<NodeActionResult>();
        var waves = _product.Topology.StartWavesOf(nodes);
        for (var i = 0; i < waves.Count; i++)
        {
            _reporter.Progress("Start nodes", $"wave {i + 1} of {waves.Count}: {string.Join(", ", waves[i].Select(n => n.Name))}", 100 * i / waves.Count);
            results.AddRange(await RunWaveAsync(waves[i], n => n.StartAsync(cancellationToken), cancellationToken).ConfigureAwait(false));
        }
        _reporter.Progress("Start nodes", "done", 100);
        return Ordered(results);
    }

    /// <summary>Stops in the reverse of the start order, so the coordinators go last.</summary>
    public async Task<IReadOnlyList<NodeActionResult>> StopAsync(IEnumerable<NodeSpec> nodes, CancellationToken cancellationToken)
    {
        var results = new List<NodeActionResult>();
        var waves = _product.Topology.StartWavesOf(nodes).Reverse().ToList();
        for (var i = 0; i < waves.Count; i++)
        {
            _reporter.Progress("Stop nodes", $"wave {i + 1} of {waves.Count}", 100 * i / waves.Count);
            results.AddRange(await RunWaveAsync(waves[i], n => n.StopAsync(cancellationToken), cancellationToken).ConfigureAwait(false));
        }
        _reporter.Progress("Stop nodes", "done", 100);
        return Ordered(results);
    }

    public async Task<IReadOnlyList<NodeActionResult>> RestartAsync(IEnumerable<NodeSpec> nodes, CancellationToken cancellationToken)
    {
        var list = nodes.ToList();
        var stopped = await StopAsync(list, cancellationToken).ConfigureAwait(false);
        var failed = new HashSet<string>(stopped.Where(r => !r.Succeeded).Select(r => r.Node));
        var started = await StartAsync(list.Where(n => !failed.Contains(n.Name)), cancellationToken).ConfigureAwait(false);
        return Ordered(stopped.Where(r => failed.Contains(r.Node)).Concat(started));
    }

    /// <summary>
    /// One wave through the shared runner. A node that fails to start or stop, or cannot be reached, becomes a Failed
    /// result and the others go on; any other fault (cancellation) ends the run as it did.
    /// </summary>
    private Task<IReadOnlyList<NodeActionResult>> RunWaveAsync(IReadOnlyList<NodeSpec> wave, Func<NodeLifecycle, Task<NodeActionResult>> action,
        CancellationToken cancellationToken) =>
        ParallelNodes.RunAsync(wave, PublishOptions.DefaultParallelism, null, _reporter, async node =>
        {
            var result = await action(For(node)).ConfigureAwait(false);
            _reporter.NodeProgress(node.Name, $"{result.Outcome}: {result.Detail}", 100, completed: true);
            return result;
        }, (node, fault) =>
        {
            if (!fault.IsLifecycle) return fault.Rethrow<NodeActionResult>();
            _reporter.NodeProgress(node.Name, "failed", 100, completed: true);
            return new NodeActionResult(node.Name, NodeOutcome.Failed, null, fault.Message, fault.Elapsed, unreachable: fault.Failure == NodeFailure.Unreachable);
        }, cancellationToken);

    private IReadOnlyList<NodeActionResult> Ordered(IEnumerable<NodeActionResult> results) =>
        results.OrderBy(r => _spec.Nodes.FindIndex(n => n.Name == r.Node)).ToList();
}
