using System.Threading;
using System.Threading.Tasks;

namespace DasOps.Engine.Publishing;

/// <summary>
/// One node's claim on the shared parallelism slots. The work takes it when it starts touching the node and may give
/// it back while it only waits (apply's saved-plan gate, or a small --parallel would deadlock); the runner releases
/// whatever is still held, so no operation needs its own holding flag.
/// </summary>
internal sealed class NodeSlot
{
    private readonly SemaphoreSlim _slots;

    public NodeSlot(SemaphoreSlim slots) => _slots = slots;

    public bool Held { get; private set; }

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (Held) return;
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        Held = true;
    }

    public void Release()
    {
        if (!Held) return;
        Held = false;
        _slots.Release();
    }
}
