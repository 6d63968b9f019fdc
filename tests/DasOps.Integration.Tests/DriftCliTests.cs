using System.Collections.Generic;
using System.IO;
using DasOps.Engine.Spec;
using DasOps.Integration.Tests.Lab;
using Xunit;

namespace DasOps.Integration.Tests;

[Collection(LabCollection.Name)]
public class DriftCliTests
{
    private readonly LabFixture _lab;

    public DriftCliTests(LabFixture lab) => _lab = lab;

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public void Plan_exits_3_on_drift_0_in_sync_1_when_a_node_fails_and_2_on_bad_input(Transport transport)
    {
        _lab.Reset();
        using var cluster = new LabCluster(_lab, transport);
        var env = new Dictionary<string, string> { ["DASOPS_DB_PASSWORD"] = LabCluster.Password };

        var drift = DasopsCli.Run(env, "plan", cluster.SpecPath);
        Assert.True(drift.ExitCode == 3, drift.ToString());
        Assert.Contains("--- a/node1/repository/conf/datasources/master-datasources.xml", drift.StandardOutput);
        Assert.Contains("  link      /srv/das-link -> /srv/das (missing)", drift.StandardOutput);

        var apply = DasopsCli.Run(env, "apply", cluster.SpecPath, "--parallel", "3");
        Assert.True(apply.ExitCode == 0, apply.ToString());
        foreach (var node in LabFixture.NodeNames) Assert.Contains($"{node}  changed: ", apply.StandardOutput);
        Assert.Contains("Apply: 6 changed, 0 unchanged, 0 skipped, 0 failed of 6 node(s)", apply.StandardOutput);

        var inSync = DasopsCli.Run(env, "plan", cluster.SpecPath);
        Assert.True(inSync.ExitCode == 0, inSync.ToString());
        Assert.Contains("Plan: no differences on 6 node(s).", inSync.StandardOutput);

        // Someone puts the stock registry.xml back on node4 (a comment added by hand would not be drift: DasOps edits only what it governs).
        File.Copy(Path.Combine(SourceTree.Fixture, "repository/conf/registry.xml"), _lab.HostPath("node4", "repository/conf/registry.xml"), overwrite: true);
        var edited = DasopsCli.Run(env, "plan", cluster.SpecPath, "--no-diff");
        Assert.True(edited.ExitCode == 3, edited.ToString());
        Assert.Contains("node4 (/srv/das): 1 of 11 file(s) differ", edited.StandardOutput);
        Assert.Contains("  modified  repository/conf/registry.xml", edited.StandardOutput);
        Assert.Equal(0, DasopsCli.Run(env, "plan", cluster.SpecPath, "--node", "node1", "--node", "node2").ExitCode);

        _lab.Fail("node6", "kill");
        var dead = DasopsCli.Run(env, "plan", cluster.SpecPath, "--node", "node6", "--node", "node1");
        _lab.Fail("node6", "heal");
        Assert.True(dead.ExitCode == 1, dead.ToString());
        Assert.Contains("node6: FAILED: node node6: unreachable", dead.StandardOutput);

        var unknown = DasopsCli.Run(env, "plan", cluster.SpecPath, "--node", "node9");
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("unknown node 'node9'", unknown.StandardError);
        var noSecret = DasopsCli.Run(new Dictionary<string, string> { ["DASOPS_DB_PASSWORD"] = "" }, "plan", cluster.SpecPath);
        Assert.True(noSecret.ExitCode == 2, noSecret.ToString());
        Assert.Contains("DASOPS_DB_PASSWORD", noSecret.StandardError);
    }
}
