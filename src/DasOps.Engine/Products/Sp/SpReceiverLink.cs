using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Products.Sp;

/// <summary>
/// Whether a receiver worker is in the leader's pool, from its own carbon.log. The manager keeps receivers in a map of
/// their own (ResourcePool.receiverNodeMap) that neither /resourceClusterWorkers nor any other API of SP 4.4.0 lists,
/// so the worker's side is the evidence: it runs, it joined a leader ("Successfully connected to leader node … as a new
/// resource") and has not lost it after that ("Couldn't connect to the leader node …", "Waiting for the resource pool
/// leader."). A later leader that found it in the persisted pool answers EXISTS and nothing is logged, so the leader
/// named may be an earlier one. The join can come before this launch's "started in" line (the first heartbeat goes
/// out while the server starts), so the whole log is read: a node just restarted counts until its first heartbeat.
/// </summary>
internal static class SpReceiverLink
{
    public static async Task<(bool Connected, string Detail)> ReadAsync(IProduct product, ClusterSpec spec, NodeSpec receiver, IRemoteShell shell,
        CancellationToken cancellationToken)
    {
        var runtime = await NodeProbe.ReadAsync(shell, product, receiver, spec.HomeOf(receiver), 0, null, cancellationToken).ConfigureAwait(false);
        if (!runtime.Alive) return (false, "is not running");
        return Judge(runtime.Lines.ToList());
    }

    internal static (bool Connected, string Detail) Judge(System.Collections.Generic.IReadOnlyList<string> lines)
    {
        var joined = LastIndex(lines, l => SpProduct.ConnectedToLeader.IsMatch(l));
        var lost = LastIndex(lines, l => l.Contains("Couldn't connect to the leader node") || l.Contains("Waiting for the resource pool leader"));
        if (joined < 0) return (false, "has never joined a leader (its carbon.log)");
        if (lost > joined) return (false, "lost its leader and has not joined one since (its carbon.log)");
        var leader = SpProduct.ConnectedToLeader.Match(lines[joined]).Groups["id"].Value;
        return (true, $"joined the pool of leader {leader} and has kept it since (its carbon.log: the manager API lists no receiver)");
    }

    private static int LastIndex(System.Collections.Generic.IReadOnlyList<string> lines, System.Func<string, bool> match)
    {
        for (var i = lines.Count - 1; i >= 0; i--) if (match(lines[i])) return i;
        return -1;
    }
}
