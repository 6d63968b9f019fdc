using DasOps.Engine.Ha;
using DasOps.Engine.Products.Sp;
using Xunit;

namespace DasOps.Engine.Tests.Products.Sp;

/// <summary>A receiver worker's place in the pool, read from its own carbon.log (no manager API lists receivers).</summary>
public sealed class SpReceiverLinkTests
{
    private const string Joined = "[2026-12-07 05:00:02,000]  INFO {org.wso2.carbon.sp.distributed.resource.core.util.HeartbeatSender} - Successfully connected to leader node ManagerNode { id: mgr1, host: 10.77.0.11, port: 9543 } as a new resource.";
    private const string Started = "[2026-12-07 05:00:03,000]  INFO {org.wso2.carbon.kernel.internal.CarbonStartupHandler} - WSO2 Stream Processor started in 4.211 sec";
    private const string Lost = "[2026-12-07 05:01:00,000]  WARN {org.wso2.carbon.sp.distributed.resource.core.util.HeartbeatSender} - Couldn't connect to the leader node for more than (1000 * 2) milliseconds. Hence, cleaning up deployed Siddhi apps.";
    private const string Waiting = "[2026-12-07 05:01:01,000]  INFO {org.wso2.carbon.sp.distributed.resource.core.util.HeartbeatSender} - Waiting for the resource pool leader.";

    [Fact]
    public void A_running_receiver_that_joined_and_lost_no_leader_since_passes_even_when_the_join_came_before_the_started_line()
    {
        var (result, detail) = SpReceiverLink.Judge(new[] { Joined, Started });
        Assert.Equal(CheckResult.Pass, result);
        Assert.Contains("leader mgr1", detail);
    }

    [Fact]
    public void A_log_rolled_over_since_the_join_passes_and_a_lost_leader_without_a_later_join_is_a_warning_not_a_failure()
    {
        Assert.Equal(CheckResult.Pass, SpReceiverLink.Judge(new[] { Started }).Result);
        // "Waiting for the resource pool leader." comes and goes while managers take over: not a loss.
        Assert.Equal(CheckResult.Pass, SpReceiverLink.Judge(new[] { Joined, Started, Waiting }).Result);
        var (lost, why) = SpReceiverLink.Judge(new[] { Joined, Started, Lost });
        Assert.Equal(CheckResult.Warn, lost);
        Assert.Contains("EXISTS is not logged", why);
        var again = Joined.Replace("id: mgr1, host: 10.77.0.11", "id: mgr2, host: 10.77.0.12");
        var (back, detail) = SpReceiverLink.Judge(new[] { Joined, Started, Lost, Waiting, again });
        Assert.Equal(CheckResult.Pass, back);
        Assert.Contains("leader mgr2", detail);
    }
}
