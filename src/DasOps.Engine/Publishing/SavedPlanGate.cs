using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Planning;

namespace DasOps.Engine.Publishing;

/// <summary>
/// `apply --plan`: no node writes until every node has been locked, read and compared with the saved plan; if any
/// node differs from it, none writes. Each node arrives once (with its plan, or leaves when it failed before planning).
/// </summary>
internal sealed class SavedPlanGate
{
    private readonly SavedPlan _plan;
    private readonly ConcurrentDictionary<string, string> _mismatches = new ConcurrentDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    private readonly TaskCompletionSource<bool> _everyoneArrived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waitingFor;

    public SavedPlanGate(SavedPlan plan, int nodes)
    {
        _plan = plan;
        _waitingFor = nodes;
        if (nodes == 0) _everyoneArrived.TrySetResult(true);
    }

    /// <summary>Waits for every node; null means go ahead, otherwise the reason this node must not write.</summary>
    public async Task<(string Reason, bool OwnMismatch)?> ArriveAsync(string node, NodePlan plan, string? linkChange)
    {
        var mismatch = _plan.MismatchOf(node, plan, linkChange);
        if (mismatch != null) _mismatches[node] = mismatch;
        Count();
        await _everyoneArrived.Task.ConfigureAwait(false);
        if (_mismatches.TryGetValue(node, out var own)) return (own + "; nothing was written on any node (make a new plan)", true);
        if (_mismatches.IsEmpty) return null;
        var first = _mismatches.OrderBy(m => m.Key, StringComparer.Ordinal).First();
        return ($"not applied: the saved plan no longer matches node {first.Key} ({first.Value})", false);
    }

    /// <summary>A node that failed before it could be compared (it writes nothing anyway).</summary>
    public void Leave() => Count();

    private void Count()
    {
        if (Interlocked.Decrement(ref _waitingFor) == 0) _everyoneArrived.TrySetResult(true);
    }
}
