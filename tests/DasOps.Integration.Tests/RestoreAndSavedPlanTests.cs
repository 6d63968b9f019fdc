using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DasOps.Engine.Publishing;
using DasOps.Engine.Spec;
using DasOps.Integration.Tests.Lab;
using Xunit;

namespace DasOps.Integration.Tests;

[Collection(LabCollection.Name)]
public class RestoreAndSavedPlanTests
{
    private readonly LabFixture _lab;

    public RestoreAndSavedPlanTests(LabFixture lab) => _lab = lab;

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task Backups_restore_the_previous_apply_byte_for_byte_with_modes_and_a_restore_can_be_undone(Transport transport)
    {
        _lab.Reset();
        using var cluster = new LabCluster(_lab, transport, dbUser: "user_a");
        Assert.All(await cluster.ApplyAsync(), r => Assert.Equal(PublishStatus.Changed, r.Status));
        var afterA = LabFixture.NodeNames.ToDictionary(n => n, cluster.Snapshot);
        var specB = cluster.SpecWith("user_b");
        Assert.All(await cluster.ApplyAsync(spec: specB), r => Assert.Equal(PublishStatus.Changed, r.Status));
        var afterB = LabFixture.NodeNames.ToDictionary(n => n, cluster.Snapshot);

        var restored = await cluster.RestoreAsync(new PublishOptions { Nodes = LabFixture.NodeNames.ToList() }, specB);

        foreach (var result in restored)
        {
            Assert.True(result.Status == PublishStatus.Changed, result.ToString());
            Assert.NotNull(result.RestoredFrom);
            LabCluster.AssertSame(afterA[result.Node], cluster.Snapshot(result.Node), result.Node);
        }

        // `dasops restore` of the newest backup (the one the restore made) brings B back on node1.
        var env = new Dictionary<string, string>();
        var undo = DasopsCli.Run(env, "restore", cluster.SpecPath, "--node", "node1");
        Assert.True(undo.ExitCode == 0, undo.ToString());
        Assert.Contains("node1  restored ", undo.StandardOutput);
        LabCluster.AssertSame(afterB["node1"], cluster.Snapshot("node1"), "node1");
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public void Apply_of_a_saved_plan_refuses_when_a_node_moved_and_applies_when_nothing_did(Transport transport)
    {
        _lab.Reset();
        using var cluster = new LabCluster(_lab, transport);
        var env = new Dictionary<string, string> { ["DASOPS_DB_PASSWORD"] = LabCluster.Password };
        var planFile = Path.Combine(cluster.Directory, "plan.json");

        Assert.Equal(3, DasopsCli.Run(env, "plan", cluster.SpecPath, "--out", planFile, "--no-diff").ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(planFile));
        LabCluster.AssertNoPassword(File.ReadAllText(planFile), "the saved plan");

        File.AppendAllText(_lab.HostPath("node2", "repository/conf/registry.xml"), "\n");
        var before = LabFixture.NodeNames.ToDictionary(n => n, cluster.Snapshot);
        var refused = DasopsCli.Run(env, "apply", cluster.SpecPath, "--plan", planFile);
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("node node2: repository/conf/registry.xml: changed on the node since the plan was made", refused.StandardOutput);
        foreach (var node in LabFixture.NodeNames) LabCluster.AssertSame(before[node], cluster.Snapshot(node), node);

        Assert.Equal(3, DasopsCli.Run(env, "plan", cluster.SpecPath, "--out", planFile, "--no-diff").ExitCode);
        var applied = DasopsCli.Run(env, "apply", cluster.SpecPath, "--plan", planFile);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Equal(0, DasopsCli.Run(env, "plan", cluster.SpecPath).ExitCode);
    }
}
