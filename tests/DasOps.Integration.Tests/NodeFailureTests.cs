using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using DasOps.Engine.Publishing;
using DasOps.Engine.Spec;
using DasOps.Integration.Tests.Lab;
using Xunit;

namespace DasOps.Integration.Tests;

[Collection(LabCollection.Name)]
public class NodeFailureTests
{
    private readonly LabFixture _lab;

    public NodeFailureTests(LabFixture lab) => _lab = lab;

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_host_killed_mid_run_fails_alone_keeps_all_its_old_files_and_a_rerun_after_heal_converges(Transport transport)
    {
        _lab.Reset();
        using var cluster = new LabCluster(_lab, transport);
        var before = cluster.Snapshot("node3");
        // node3 has staged and verified its new files; it dies just before the switch (sshd, sessions, all).
        var reporter = new LabReporter { OnNodeProgress = (node, status) => { if (node == "node3" && status == "switching") _lab.Fail("node3", "kill"); } };

        var results = await cluster.ApplyAsync(reporter);

        var node3 = results.Single(r => r.Node == "node3");
        Assert.Equal(PublishStatus.Failed, node3.Status);
        Assert.Equal(NodeFailure.Unreachable, node3.Failure);
        Assert.StartsWith("node node3: unreachable while switching to the new files", node3.Error);
        Assert.All(results.Where(r => r.Node != "node3"), r => Assert.True(r.Status == PublishStatus.Changed, r.ToString()));
        // all old: every target is as before (the staged copies wait, hidden, beside them)
        LabCluster.AssertSame(before, cluster.Snapshot("node3").Where(kv => !kv.Key.EndsWith(".dasops-new")).ToDictionary(kv => kv.Key, kv => kv.Value), "node3");
        Assert.NotEmpty(Directory.GetFiles(_lab.HomeOf("node3"), "*.dasops-new", SearchOption.AllDirectories));

        _lab.Fail("node3", "heal");
        var rerun = await cluster.ApplyAsync();

        Assert.Equal(PublishStatus.Changed, rerun.Single(r => r.Node == "node3").Status);
        Assert.All(rerun.Where(r => r.Node != "node3"), r => Assert.Equal(PublishStatus.Unchanged, r.Status));
        AssertMatchesPlan(rerun.Single(r => r.Node == "node3"));
        Assert.Empty(Directory.GetFiles(_lab.HomeOf("node3"), "*.dasops-new", SearchOption.AllDirectories));
        // the backup of the run that never switched was dropped; the one that did is complete
        var backups = Directory.GetDirectories(Path.Combine(_lab.HomeOf("node3"), ".dasops", "backups"));
        Assert.Single(backups);
        Assert.True(File.Exists(Path.Combine(backups[0], "switched")));
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_host_dead_before_the_run_is_reported_unreachable_while_the_others_complete(Transport transport)
    {
        _lab.Reset();
        using var cluster = new LabCluster(_lab, transport);
        _lab.Fail("node3", "kill");

        var results = await cluster.ApplyAsync();

        var node3 = results.Single(r => r.Node == "node3");
        Assert.Equal(PublishStatus.Failed, node3.Status);
        Assert.Equal(NodeFailure.Unreachable, node3.Failure);
        Assert.Contains("node node3: unreachable", node3.Error);
        Assert.Contains("Connection refused", node3.Error);
        Assert.All(results.Where(r => r.Node != "node3"), r => Assert.Equal(PublishStatus.Changed, r.Status));

        _lab.Fail("node3", "heal");
        var rerun = await cluster.ApplyAsync();
        Assert.Equal(PublishStatus.Changed, rerun.Single(r => r.Node == "node3").Status);
        Assert.All(rerun.Where(r => r.Node != "node3"), r => Assert.Equal(PublishStatus.Unchanged, r.Status));
        AssertMatchesPlan(rerun.Single(r => r.Node == "node3"));
    }

    private void AssertMatchesPlan(NodePublishResult result)
    {
        Assert.NotEmpty(result.Files);
        foreach (var file in result.Files)
        {
            var bytes = File.ReadAllBytes(_lab.HostPath(result.Node, file.Path));
            // A password file shows a keyed hash of its sha256 (SecretFileHash); the others their sha256.
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
            Assert.Equal(file.Mode == 0x180 ? DasOps.Engine.Secrets.SecretFileHash.Of(sha256) : sha256, file.DesiredHash);
        }
    }
}
