using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Ha;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Products.Sp;

/// <summary>
/// What DasOps can know of a receiver worker's place in the pool. The manager keeps receivers in a map of their own
/// (ResourcePool.receiverNodeMap) that neither /resourceClusterWorkers nor any other API of SP 4.4.0 lists, and a
/// worker logs "Successfully connected to leader node … as a new resource" only when the leader answers NEW: a rejoin
/// it answers EXISTS (a leader that still had it in the pool, a worker back within the heartbeat window) is silent. So
/// the evidence is: the receiver runs (Fail when not), and its log shows no leader lost after its last join (Warn when
/// it does: the rejoin may have been silent). The passthrough groups it runs are checked with each app.
/// </summary>
internal static class SpReceiverLink
{
    private const string LostLeader = "Couldn't connect to the leader node for more than";

    public static async Task<(CheckResult Result, string Detail)> ReadAsync(IProduct product, ClusterSpec spec, NodeSpec receiver, IRemoteShell shell,
        CancellationToken cancellationToken)
    {
        NodeRuntime runtime;
        try
        {
            runtime = await NodeProbe.ReadAsync(shell, product, receiver, spec.HomeOf(receiver), 0, null, cancellationToken).ConfigureAwait(false);
        }
        catch (LifecycleException e)
        {
            // Unreachable included: one receiver down is this check's failure, not the end of Test-DasHa.
            return (CheckResult.Fail, "cannot be read: " + e.Message);
        }
        if (!runtime.Alive) return (CheckResult.Fail, "is not running");
        return Judge(runtime.Lines.ToList());
    }

    internal static (CheckResult Result, string Detail) Judge(IReadOnlyList<string> lines)
    {
        var joined = SpProduct.LastIndex(lines, SpProduct.ConnectedToLeader.IsMatch);
        var lost = SpProduct.LastIndex(lines, l => l.Contains(LostLeader));
        if (lost > joined)
            return (CheckResult.Warn, "running, but its carbon.log shows it lost its leader and logged no join since (a rejoin the leader answers EXISTS is not logged; no manager API lists receivers)");
        if (joined < 0)
            return (CheckResult.Pass, "running; its carbon.log holds no join and no lost leader (an older log has them)");
        var leader = SpProduct.ConnectedToLeader.Match(lines[joined]).Groups["id"].Value;
        return (CheckResult.Pass, $"running; joined the pool of leader {leader} and has not lost a leader since (its carbon.log: no manager API lists receivers)");
    }
}
