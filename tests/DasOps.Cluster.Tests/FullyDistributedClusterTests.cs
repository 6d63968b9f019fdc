using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Ha;
using DasOps.Engine.Lifecycle;
using Xunit;
using Xunit.Abstractions;

using DasOps.Engine.Remote.OpenSsh;

namespace DasOps.Cluster.Tests;

/// <summary>Issue 5 on the 8-node DAS fully distributed pattern of seeds 000-002: two of each role, analyzers in their own cluster.</summary>
public sealed class FullyDistributedClusterTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly Lab _lab = new Lab(8, dir => @"name: lab-das
product: Das
pattern: FullyDistributed
defaults: { home: /srv/das }
database: { host: 10.77.0.10, user: wso2das }
spark: { masterCount: 2, symlink: /srv/das-link }
nodes:
  - { name: rcv1, host: 10.77.0.11, roles: [Receiver] }
  - { name: rcv2, host: 10.77.0.12, roles: [Receiver] }
  - { name: idx1, host: 10.77.0.13, roles: [Indexer] }
  - { name: idx2, host: 10.77.0.14, roles: [Indexer] }
  - { name: ana1, host: 10.77.0.15, roles: [Analyzer] }
  - { name: ana2, host: 10.77.0.16, roles: [Analyzer] }
  - { name: dsh1, host: 10.77.0.17, roles: [Dashboard] }
  - { name: dsh2, host: 10.77.0.18, roles: [Dashboard] }
");

    public FullyDistributedClusterTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _lab.Dispose();

    [Fact]
    public async Task Every_node_starts_with_its_profile_passes_every_check_and_the_cluster_survives_failover()
    {
        var lifecycle = new ClusterLifecycle(_lab.Spec, _lab.ShellFor) { StartTimeout = TimeSpan.FromSeconds(60), StopTimeout = TimeSpan.FromSeconds(20) };
        var started = await lifecycle.StartAsync(_lab.Spec.Nodes, CancellationToken.None);
        foreach (var r in started) _output.WriteLine($"{r.Node} {r.Outcome} {r.Detail}");
        Assert.All(started, r => Assert.Equal(NodeOutcome.Started, r.Outcome));

        // Each node runs with its role's profile: the product's script echoes it and sets the -D flags.
        var receiverArgs = lifecycle.For(_lab.Spec.FindNode("rcv1")!).StartArguments("start");
        Assert.Equal(new[] { "-receiverNode", "-DportOffset=0", "start" }, receiverArgs.Skip(2));

        var checks = await WaitForHealthy();
        Show(checks);
        Assert.All(checks, c => Assert.True(c.Result == CheckResult.Pass, c.ToString()));
        Assert.Equal(8 * 5 + 2, checks.Count(c => c.Node != "cluster")); // ssh, process, ports, members, database each; symlink on the 2 analyzers
        Assert.All(checks.Where(c => c.Check == "members" && c.Node.StartsWith("ana")), c => Assert.StartsWith("2 of 2 members", c.Detail));
        Assert.All(checks.Where(c => c.Check == "members" && !c.Node.StartsWith("ana")), c => Assert.StartsWith("6 of 6 members", c.Detail));
        Assert.Contains(checks, c => c.Check == "spark-masters" && c.Detail == "ALIVE: ana1; STANDBY: ana2");
        Assert.Equal(2, checks.Count(c => c.Check.StartsWith("cep-ha")));

        var drill = await new FailoverDrill(_lab.Spec, _lab.ShellFor, lifecycle).RunAsync(CancellationToken.None);
        Show(drill);
        Assert.All(drill, c => Assert.True(c.Result == CheckResult.Pass, c.ToString()));
        Assert.Equal(2, drill.Count(c => c.Check == "failover-cep"));
        var spark = drill.Single(c => c.Check == "failover-spark");
        Assert.Equal("ana2", spark.Node);
        Assert.InRange(spark.Duration.TotalSeconds, 0.01, 30);
        // idx1 returns to a 4-member CEP group whose Passive role rcv1 took meanwhile, so it rejoins as Backup.
        Assert.Equal("rejoined as CEP Backup, Spark -", drill.Single(c => c.Node == "idx1" && c.Check == "failover-rejoin").Detail);
        Assert.Equal("rejoined as CEP Passive, Spark STANDBY", drill.Single(c => c.Node == "ana1" && c.Check == "failover-rejoin").Detail);

        var after = await WaitForHealthy();
        Assert.All(after, c => Assert.True(c.Result == CheckResult.Pass, c.ToString()));
        Assert.Contains(after, c => c.Check == "spark-masters" && c.Detail == "ALIVE: ana2; STANDBY: ana1");

        var stopped = await lifecycle.StopAsync(_lab.Spec.Nodes, CancellationToken.None);
        Assert.All(stopped, r => Assert.Equal(NodeOutcome.Stopped, r.Outcome));
    }

    private void Show(IEnumerable<HaCheck> checks) { foreach (var c in checks) _output.WriteLine(c.ToString()); }

    private async Task<IReadOnlyList<HaCheck>> WaitForHealthy()
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (true)
        {
            var checks = await new HaVerifier(_lab.Spec, _lab.ShellFor).VerifyAsync(CancellationToken.None);
            if (checks.All(c => c.Result == CheckResult.Pass) || DateTime.UtcNow > deadline) return checks;
            await Task.Delay(500);
        }
    }
}
