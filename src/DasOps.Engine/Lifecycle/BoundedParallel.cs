using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Publishing;

namespace DasOps.Engine.Lifecycle;

/// <summary>
/// Runs one task per node with at most <see cref="PublishOptions.DefaultParallelism"/> at once, as apply and plan do: a
/// cluster of 32 or 200 nodes must not open that many SSH sessions (and handshakes) in one burst.
/// </summary>
internal static class BoundedParallel
{
    public static async Task<TResult[]> RunAsync<TItem, TResult>(IEnumerable<TItem> items, Func<TItem, Task<TResult>> work,
        int limit = PublishOptions.DefaultParallelism)
    {
        using var slots = new SemaphoreSlim(limit);
        return await Task.WhenAll(items.Select(async item =>
        {
            await slots.WaitAsync().ConfigureAwait(false);
            try { return await work(item).ConfigureAwait(false); }
            finally { slots.Release(); }
        }).ToList()).ConfigureAwait(false);
    }
}
