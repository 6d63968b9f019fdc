using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Publishing;

/// <summary>Runs one task per node, at most N at a time, and reports overall progress as nodes finish.</summary>
internal static class ParallelNodes
{
    /// <summary><paramref name="work"/> gets the node and the shared slots (it must hold one while it works) and never throws.</summary>
    public static async Task<IReadOnlyList<NodePublishResult>> RunAsync(IReadOnlyList<NodeSpec> nodes, int parallelism, string activity,
        IOperationReporter reporter, Func<NodeSpec, SemaphoreSlim, Task<NodePublishResult>> work)
    {
        if (parallelism < 1) throw new InputException(InputErrorKind.ParameterInvalid, $"parallelism must be at least 1, not {parallelism}.", "parallelism");
        using var slots = new SemaphoreSlim(parallelism);
        var done = 0;
        reporter.Progress(activity, $"0 of {nodes.Count} node(s)", 0);
        var tasks = nodes.Select(node => Task.Run(async () =>
        {
            var result = await work(node, slots).ConfigureAwait(false);
            var finished = Interlocked.Increment(ref done);
            reporter.Progress(activity, $"{finished} of {nodes.Count} node(s)", finished * 100 / Math.Max(1, nodes.Count));
            return result;
        })).ToList();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }
}
