using Xunit;

namespace DasOps.Engine.Tests.Products.Sp;

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
