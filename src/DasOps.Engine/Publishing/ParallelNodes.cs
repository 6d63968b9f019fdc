using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Publishing;

/// <summary>
/// The one runner for per-node work (plan, apply, restore, clear, start, stop, status, HA reads): one task per node,
/// at most N holding a slot at once, so a cluster of 32 or 200 nodes never opens that many SSH sessions in one burst;
/// each node ends with one result, and an exception becomes that node's result through <see cref="NodeFault"/>.
/// </summary>
internal static class ParallelNodes
{
    /// <summary>
    /// <paramref name="work"/> gets the node and its slot, which it must take (<see cref="NodeSlot.WaitAsync"/>) before it
    /// touches the node; the runner releases it after. <paramref name="failed"/> turns a fault into the node's result
    /// (or rethrows it). With an <paramref name="activity"/>, overall progress is reported as nodes finish.
    /// </summary>
    public static async Task<IReadOnlyList<TResult>> RunAsync<TResult>(IReadOnlyList<NodeSpec> nodes, int parallelism, string? activity,
        IOperationReporter reporter, Func<NodeSpec, NodeSlot, Task<TResult>> work, Func<NodeSpec, NodeFault, TResult> failed)
    {
        if (parallelism < 1) throw new InputException(InputErrorKind.ParameterInvalid, $"parallelism must be at least 1, not {parallelism}.", "parallelism");
        using var slots = new SemaphoreSlim(parallelism);
        var done = 0;
        if (activity != null) reporter.Progress(activity, $"0 of {nodes.Count} node(s)", 0);
        var tasks = nodes.Select(node => Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            var slot = new NodeSlot(slots);
            TResult result;
            try
            {
                result = await work(node, slot).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                result = failed(node, NodeFault.Of(node.Name, e, clock.Elapsed));
            }
            finally
            {
                slot.Release();
            }
            var finished = Interlocked.Increment(ref done);
            if (activity != null) reporter.Progress(activity, $"{finished} of {nodes.Count} node(s)", finished * 100 / Math.Max(1, nodes.Count));
            return result;
        })).ToList();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>The same, for work that holds its slot from start to end: the runner takes it first.</summary>
    public static Task<IReadOnlyList<TResult>> RunAsync<TResult>(IReadOnlyList<NodeSpec> nodes, int parallelism, string? activity,
        IOperationReporter reporter, Func<NodeSpec, Task<TResult>> work, Func<NodeSpec, NodeFault, TResult> failed, CancellationToken cancellationToken) =>
        RunAsync(nodes, parallelism, activity, reporter, async (node, slot) =>
        {
            await slot.WaitAsync(cancellationToken).ConfigureAwait(false);
            return await work(node).ConfigureAwait(false);
        }, failed);
}
