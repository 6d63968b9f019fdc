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
    public void A_receiver_that_joined_and_kept_its_leader_is_connected_even_when_the_join_came_before_the_started_line()
    {
        var (connected, detail) = SpReceiverLink.Judge(new[] { Joined, Started });
        Assert.True(connected);
        Assert.Contains("leader mgr1", detail);
    }

    [Fact]
    public void A_receiver_that_lost_its_leader_or_never_joined_is_not_connected_until_it_joins_again()
    {
        Assert.False(SpReceiverLink.Judge(new[] { Started }).Connected);
        Assert.False(SpReceiverLink.Judge(new[] { Joined, Started, Lost }).Connected);
        Assert.False(SpReceiverLink.Judge(new[] { Joined, Started, Waiting }).Connected);
        var again = Joined.Replace("id: mgr1, host: 10.77.0.11", "id: mgr2, host: 10.77.0.12");
        var (connected, detail) = SpReceiverLink.Judge(new[] { Joined, Started, Lost, Waiting, again });
        Assert.True(connected);
        Assert.Contains("leader mgr2", detail);
    }
}

/// <summary>Whether an SP pool survives losing one resource worker (receivers never count toward minResourceCount).</summary>
public sealed class SpWorkerLossToleranceTests
{
    [Theory]
    [InlineData(2, 1, true)]
    [InlineData(2, 2, false)]
    [InlineData(3, 2, true)]
    [InlineData(1, 1, false)]
    public void The_pool_survives_a_lost_worker_only_when_minResourceCount_workers_remain(int workers, int min, bool survives)
    {
        var (result, detail) = DasOps.Engine.Products.Sp.SpHa.WorkerLossTolerance(workers, min);
        Assert.Equal(survives ? DasOps.Engine.Ha.CheckResult.Pass : DasOps.Engine.Ha.CheckResult.Warn, result);
        Assert.Contains($"minResourceCount {min}", detail);
    }
}
