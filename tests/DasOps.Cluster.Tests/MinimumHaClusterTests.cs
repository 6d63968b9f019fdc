using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Ha;
using DasOps.Engine.Lifecycle;
using Xunit;
using Xunit.Abstractions;

using DasOps.Engine.Remote.OpenSsh;

namespace DasOps.Cluster.Tests;

/// <summary>Issue 5 on a 2-node IS Analytics minimum-HA cluster: start, every check, a measured failover, and three ways to break it.</summary>
public sealed class MinimumHaClusterTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly Lab _lab = new Lab(2, dir => $@"name: lab-isa
product: IsAnalytics
pattern: MinimumHa
defaults: {{ home: /srv/das }}
database: {{ host: 10.77.0.10, user: wso2analytics }}
spark: {{ masterCount: 2, symlink: /srv/das-link }}
nodes:
  - {{ name: node1, host: 10.77.0.11 }}
  - {{ name: node2, host: 10.77.0.12 }}
");

    public MinimumHaClusterTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _lab.Dispose();

    private ClusterLifecycle Lifecycle() => new ClusterLifecycle(_lab.Spec, _lab.ShellFor) { StartTimeout = TimeSpan.FromSeconds(60), StopTimeout = TimeSpan.FromSeconds(20) };

    private async Task<System.Collections.Generic.IReadOnlyList<HaCheck>> Verify() =>
        await new HaVerifier(_lab.Spec, _lab.ShellFor).VerifyAsync(CancellationToken.None);

    private void Show(System.Collections.Generic.IEnumerable<HaCheck> checks) { foreach (var c in checks) _output.WriteLine(c.ToString()); }

    [Fact]
    public async Task Starts_passes_every_check_fails_over_with_measured_times_and_stops()
    {
        var started = await Lifecycle().StartAsync(_lab.Spec.Nodes, CancellationToken.None);
        Assert.All(started, r => Assert.Equal(NodeOutcome.Started, r.Outcome));

        var again = await Lifecycle().StartAsync(_lab.Spec.Nodes, CancellationToken.None);
        Assert.All(again, r => Assert.Equal(NodeOutcome.AlreadyRunning, r.Outcome));

        var checks = await WaitForHealthy();
        Show(checks);
        Assert.All(checks, c => Assert.True(c.Result == CheckResult.Pass, c.ToString()));
        Assert.Equal(new[] { "database", "members", "ports", "process", "ssh", "symlink" },
            checks.Where(c => c.Node == "node1").Select(c => c.Check).OrderBy(c => c));
        Assert.Contains(checks, c => c.Check == "spark-masters" && c.Detail == "ALIVE: node1; STANDBY: node2");
        Assert.Contains(checks, c => c.Check == "cep-ha" && c.Detail == "Active: node1; Passive: node2");

        var status = await ClusterStatusReader.ReadAsync(_lab.Spec, _lab.Spec.Nodes, _lab.ShellFor, CancellationToken.None);
        Assert.Equal(new[] { "Active", "Passive" }, status.Select(s => s.Cep));
        Assert.Equal(new[] { "ALIVE", "STANDBY" }, status.Select(s => s.Spark));
        Assert.All(status, s => Assert.Equal(2, s.Members));

        var drill = await new FailoverDrill(_lab.Spec, _lab.ShellFor, Lifecycle()).RunAsync(CancellationToken.None);
        Show(drill);
        Assert.All(drill, c => Assert.True(c.Result == CheckResult.Pass, c.ToString()));
        var cep = drill.Single(c => c.Check == "failover-cep");
        var spark = drill.Single(c => c.Check == "failover-spark");
        Assert.Equal("node2", cep.Node);
        Assert.Equal("node2", spark.Node);
        Assert.InRange(cep.Duration.TotalSeconds, 0.01, 30);
        Assert.InRange(spark.Duration.TotalSeconds, 0.01, 30);
        Assert.Contains(drill, c => c.Node == "node1" && c.Check == "failover-rejoin" && c.Detail == "rejoined as CEP Passive, Spark STANDBY");

        var stopped = await Lifecycle().StopAsync(_lab.Spec.Nodes, CancellationToken.None);
        Assert.All(stopped, r => Assert.Equal(NodeOutcome.Stopped, r.Outcome));
        var stoppedAgain = await Lifecycle().StopAsync(_lab.Spec.Nodes, CancellationToken.None);
        Assert.All(stoppedAgain, r => Assert.Equal(NodeOutcome.AlreadyStopped, r.Outcome));
    }

    [Fact]
    public async Task A_wrong_wka_member_fails_the_members_check_with_a_clear_detail()
    {
        foreach (var (node, wrong) in new[] { ("node1", "10.77.0.99"), ("node2", "10.77.0.98") })
        {
            var axis2 = _lab.HomeFile(node, "repository/conf/axis2/axis2.xml");
            var other = node == "node1" ? "10.77.0.12" : "10.77.0.11";
            File.WriteAllText(axis2, File.ReadAllText(axis2).Replace($"<hostName>{other}</hostName>", $"<hostName>{wrong}</hostName>"));
        }
        await Lifecycle().StartAsync(_lab.Spec.Nodes, CancellationToken.None);
        var checks = await Verify();
        Show(checks);
        var members = checks.Where(c => c.Check == "members").ToList();
        Assert.All(members, c => Assert.Equal(CheckResult.Fail, c.Result));
        Assert.All(members, c => Assert.StartsWith("1 member(s) in this node's Hazelcast cluster; expected 2 (node1, node2)", c.Detail));
        Assert.Equal(CheckResult.Fail, checks.Single(c => c.Check == "cep-ha").Result);
        Assert.All(checks.Where(c => c.Check == "ssh" || c.Check == "process" || c.Check == "database"), c => Assert.Equal(CheckResult.Pass, c.Result));

        // A failover on this cluster is refused, and nothing is stopped.
        var drill = await new HaTest(_lab.Spec, _lab.ShellFor) { Failover = true, SettleTimeout = TimeSpan.FromSeconds(2) }.RunAsync(CancellationToken.None);
        var refused = drill.Single(c => c.Check == "failover");
        Assert.Equal(CheckResult.Fail, refused.Result);
        Assert.StartsWith("not attempted:", refused.Detail);
        Assert.DoesNotContain(drill, c => c.Check.StartsWith("failover-"));
        var status = await ClusterStatusReader.ReadAsync(_lab.Spec, _lab.Spec.Nodes, _lab.ShellFor, CancellationToken.None);
        Assert.All(status, s => Assert.Equal("running", s.Process));
        await Lifecycle().StopAsync(_lab.Spec.Nodes, CancellationToken.None);
    }

    [Fact]
    public async Task A_missing_symlink_and_a_database_that_is_down_fail_their_checks()
    {
        await Lifecycle().StartAsync(_lab.Spec.Nodes, CancellationToken.None);
        await WaitForHealthy();
        Lab.Run(_lab.LabScript, "exec", "node2", "--", "rm", "/srv/das-link");
        Lab.Run(_lab.LabScript, "db-stop");
        try
        {
            var checks = await Verify();
            Show(checks);
            var symlink = checks.Single(c => c.Node == "node2" && c.Check == "symlink");
            Assert.Equal(CheckResult.Fail, symlink.Result);
            Assert.Equal("/srv/das-link does not resolve (carbon.das.symbolic.link); Spark cannot build its classpath", symlink.Detail);
            Assert.Equal(CheckResult.Pass, checks.Single(c => c.Node == "node1" && c.Check == "symlink").Result);
            var db = checks.Where(c => c.Check == "database").ToList();
            Assert.All(db, c => Assert.Equal(CheckResult.Fail, c.Result));
            Assert.All(db, c => Assert.StartsWith("10.77.0.10:3306 does not accept connections from node", c.Detail));
            Assert.All(checks.Where(c => c.Check == "members"), c => Assert.Equal(CheckResult.Pass, c.Result));
        }
        finally
        {
            Lab.Run(_lab.LabScript, "db-start");
        }
        await Lifecycle().StopAsync(_lab.Spec.Nodes, CancellationToken.None);
    }

    [Fact]
    public async Task A_host_that_dies_fails_its_own_checks_and_the_other_node_is_still_reported()
    {
        await Lifecycle().StartAsync(_lab.Spec.Nodes, CancellationToken.None);
        await WaitForHealthy();
        Lab.Run(_lab.LabScript, "fail", "node2", "kill");
        try
        {
            var checks = await Verify();
            Show(checks);
            Assert.Equal(CheckResult.Fail, checks.Single(c => c.Node == "node2" && c.Check == "ssh").Result);
            Assert.All(checks.Where(c => c.Node == "node2" && c.Check != "ssh"), c => Assert.StartsWith("not checked", c.Detail));
            Assert.Equal(CheckResult.Pass, checks.Single(c => c.Node == "node1" && c.Check == "process").Result);
            Assert.Equal(CheckResult.Pass, checks.Single(c => c.Node == "node1" && c.Check == "database").Result);
            var status = await ClusterStatusReader.ReadAsync(_lab.Spec, _lab.Spec.Nodes, _lab.ShellFor, CancellationToken.None);
            Assert.Equal("unreachable", status.Single(s => s.Node == "node2").Process);
            Assert.Equal("running", status.Single(s => s.Node == "node1").Process);
            var stop = Assert.Single(await Lifecycle().StopAsync(new[] { _lab.Spec.FindNode("node2")! }, CancellationToken.None));
            Assert.Equal(NodeOutcome.Failed, stop.Outcome);
            Assert.True(stop.Unreachable, stop.Detail);
            Assert.StartsWith("node2: unreachable over SSH", stop.Detail);
        }
        finally
        {
            Lab.Run(_lab.LabScript, "fail", "node2", "heal");
        }
        await Lifecycle().StopAsync(_lab.Spec.Nodes, CancellationToken.None);
    }

    /// <summary>Roles settle a moment after the start line (CEP passive sync, Spark election); wait for that, bounded.</summary>
    private async Task<System.Collections.Generic.IReadOnlyList<HaCheck>> WaitForHealthy()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var checks = await Verify();
            if (checks.All(c => c.Result == CheckResult.Pass) || DateTime.UtcNow > deadline) return checks;
            await Task.Delay(500);
        }
    }
}
