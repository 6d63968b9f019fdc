using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Planning;
using DasOps.Engine.Publishing;
using DasOps.Engine.Remote;
using Xunit;

namespace DasOps.Engine.Tests.Publishing;

/// <summary>The whole apply protocol (lock, read, stage, switch, backup) through local shells: the same scripts ssh would run.</summary>
public class LocalApplyTests
{
    private const string MasterDatasources = "repository/conf/datasources/master-datasources.xml";

    [Fact]
    public async Task First_apply_writes_what_differs_and_a_second_apply_writes_nothing()
    {
        using var cluster = new LocalCluster(withDriver: true);
        var reporter = new RecordingReporter();

        var first = await cluster.ApplyAsync(reporter: reporter);

        Assert.All(first, r => Assert.Equal(PublishStatus.Changed, r.Status));
        foreach (var result in first)
        {
            Assert.NotNull(result.BackupId);
            Assert.All(result.Files.Where(f => f.NeedsWrite), f => Assert.True(f.Written));
            foreach (var file in result.Files.Where(f => f.Written))
            {
                var onDisk = cluster.PathOf(result.Node, file.Path);
                var sha256 = Hashing.Sha256(File.ReadAllBytes(onDisk));
                // Files holding passwords show a keyed hash: their plain sha256 could be brute-forced for the password.
                Assert.Equal(file.Mode == 0x180 ? DasOps.Engine.Secrets.SecretFileHash.Of(sha256) : sha256, file.DesiredHash);
                Assert.Equal(file.Mode, LocalCluster.ModeOf(onDisk));
            }
            Assert.Equal(0x180, LocalCluster.ModeOf(cluster.PathOf(result.Node, MasterDatasources)));
            Assert.True(File.Exists(cluster.PathOf(result.Node, "repository/components/lib/mysql-connector-java-5.1.49.jar")));
            // nothing staged is left behind
            Assert.Empty(Directory.GetFiles(cluster.PathOf(result.Node, ""), "*.dasops-new", SearchOption.AllDirectories));
        }
        Assert.DoesNotContain(reporter.Messages, m => m.Contains("x]]>") || m.Contains("p<&"));

        var second = await cluster.ApplyAsync();
        Assert.All(second, r => Assert.Equal(PublishStatus.Unchanged, r.Status));
        Assert.All(second, r => Assert.Equal(0, r.WrittenCount));
        Assert.All(second, r => Assert.Equal("unchanged", r.Summary));
    }

    [Fact]
    public async Task Plan_reports_drift_and_writes_nothing()
    {
        using var cluster = new LocalCluster();
        var before = cluster.Snapshot("n1");

        var plan = await cluster.PlanAsync();

        Assert.All(plan, r => Assert.Equal(PublishStatus.Skipped, r.Status));
        Assert.All(plan, r => Assert.True(r.Differs));
        Assert.Equal(before.Keys.OrderBy(k => k), cluster.Snapshot("n1").Keys.OrderBy(k => k));
        Assert.All(before, kv => Assert.Equal(kv.Value.Bytes, cluster.Snapshot("n1")[kv.Key].Bytes));
        var text = PublishText.Plan(plan, withDiffs: true);
        Assert.Contains("master-datasources.xml", text);
        Assert.DoesNotContain(LocalCluster.Password, text);

        await cluster.ApplyAsync();
        Assert.All(await cluster.PlanAsync(), r => Assert.False(r.Differs));
    }

    [Fact]
    public async Task WhatIf_declines_every_node_and_changes_nothing()
    {
        using var cluster = new LocalCluster();
        var before = cluster.Snapshot("n2");
        var reporter = new RecordingReporter { Answer = (_, _) => false };

        var results = await cluster.ApplyAsync(reporter: reporter);

        Assert.All(results, r => Assert.Equal(PublishStatus.Skipped, r.Status));
        Assert.Contains(reporter.Messages, m => m.StartsWith("should-process n2: write ", StringComparison.Ordinal));
        Assert.All(before, kv => Assert.Equal(kv.Value.Bytes, cluster.Snapshot("n2")[kv.Key].Bytes));
        Assert.False(Directory.Exists(cluster.PathOf("n2", ".dasops/backups")) && Directory.GetDirectories(cluster.PathOf("n2", ".dasops/backups")).Length > 0);
    }

    [Fact]
    public async Task A_node_that_fails_does_not_stop_the_other()
    {
        using var cluster = new LocalCluster();
        Directory.Delete(cluster.PathOf("n2", ""), recursive: true);

        var results = await cluster.ApplyAsync();

        Assert.Equal(PublishStatus.Changed, results.Single(r => r.Node == "n1").Status);
        var failed = results.Single(r => r.Node == "n2");
        Assert.Equal(PublishStatus.Failed, failed.Status);
        Assert.StartsWith("node n2: ", failed.Error);
        Assert.Contains("does not exist", failed.Error);
    }

    [Fact]
    public async Task A_file_changed_on_the_node_after_it_was_read_stops_that_node_before_any_switch()
    {
        using var cluster = new LocalCluster();
        var target = cluster.PathOf("n1", "repository/conf/user-mgt.xml");
        var reporter = new RecordingReporter
        {
            // Someone edits a managed file between DasOps reading and staging it.
            OnNodeProgress = (node, status) => { if (node == "n1" && status.StartsWith("staging", StringComparison.Ordinal)) File.AppendAllText(target, "<!-- hand edit -->\n"); },
        };
        var before = cluster.Snapshot("n1");

        var results = await cluster.ApplyAsync(reporter: reporter);

        var n1 = results.Single(r => r.Node == "n1");
        Assert.Equal(PublishStatus.Failed, n1.Status);
        Assert.Contains("repository/conf/user-mgt.xml: changed on the node since it was read", n1.Error);
        var after = cluster.Snapshot("n1");
        Assert.All(before.Where(kv => !kv.Key.EndsWith("user-mgt.xml")), kv => Assert.Equal(kv.Value.Bytes, after[kv.Key].Bytes));
        Assert.Empty(Directory.GetFiles(cluster.PathOf("n1", ""), "*.dasops-new", SearchOption.AllDirectories));
        Assert.Equal(PublishStatus.Changed, results.Single(r => r.Node == "n2").Status);
    }

    [Fact]
    public async Task A_secret_file_readable_by_others_is_rewritten_0600_even_when_its_bytes_are_right()
    {
        using var cluster = new LocalCluster();
        await cluster.ApplyAsync();
        File.SetUnixFileMode(cluster.PathOf("n1", MasterDatasources), (UnixFileMode)0x1A4);

        var plan = await cluster.PlanAsync();
        var file = plan.Single(r => r.Node == "n1").Files.Single(f => f.Path == MasterDatasources);
        Assert.True(file.ModeOnly);
        Assert.Contains("mode      " + MasterDatasources + "  0644 -> 0600", PublishText.Plan(plan, false));

        var results = await cluster.ApplyAsync();
        Assert.Equal(PublishStatus.Changed, results.Single(r => r.Node == "n1").Status);
        Assert.Equal(PublishStatus.Unchanged, results.Single(r => r.Node == "n2").Status);
        Assert.Equal(0x180, LocalCluster.ModeOf(cluster.PathOf("n1", MasterDatasources)));
    }

    [Fact]
    public async Task The_spark_link_is_created_once_and_a_real_directory_there_is_refused()
    {
        using var cluster = new LocalCluster(withSymlink: true);
        var n1Only = new PublishOptions { Nodes = new[] { "n1" } };

        var first = await cluster.ApplyAsync(n1Only);
        Assert.Equal(PublishStatus.Changed, first.Single().Status);
        Assert.Equal(cluster.PathOf("n1", ""), new FileInfo(cluster.Link).LinkTarget);
        Assert.Equal(PublishStatus.Unchanged, (await cluster.ApplyAsync(n1Only)).Single().Status);

        File.Delete(cluster.Link);
        Directory.CreateDirectory(cluster.Link);
        var refused = (await cluster.ApplyAsync(new PublishOptions { Nodes = new[] { "n2" } })).Single();
        Assert.Equal(PublishStatus.Failed, refused.Status);
        Assert.Equal(NodeFailure.Refused, refused.Failure);
        Assert.Contains($"node n2: {cluster.Link}: exists and is not a symbolic link", refused.Error);
        Assert.False(Directory.Exists(cluster.PathOf("n2", ".dasops/backups")));
        Assert.True(Directory.Exists(cluster.Link));
    }

    [Fact]
    public async Task A_second_run_fails_on_a_locked_node_naming_the_holder_and_break_lock_ends_that_holder()
    {
        using var cluster = new LocalCluster();
        var home = cluster.PathOf("n1", "");
        using var shell = new LocalShell("n1");
        using var other = shell.Start(RemoteCommand.Script(RemoteScripts.LockHolder, new[] { home, "alice@ctl pid=42 since 2030-01-01T00:00:00Z", "0" }));
        Assert.Equal("LOCKED", await other.ReadLineAsync(TimeSpan.FromSeconds(10), CancellationToken.None));

        var results = await cluster.ApplyAsync();
        var locked = results.Single(r => r.Node == "n1");
        Assert.Equal(NodeFailure.Locked, locked.Failure);
        Assert.Contains("node n1: locked by another DasOps run: alice@ctl pid=42 since 2030-01-01T00:00:00Z", locked.Error);
        Assert.Equal(PublishStatus.Changed, results.Single(r => r.Node == "n2").Status);

        var reporter = new RecordingReporter();
        var broken = await cluster.ApplyAsync(new PublishOptions { BreakLock = true, Nodes = new[] { "n1" } }, reporter);
        Assert.Equal(PublishStatus.Changed, broken.Single().Status);
        Assert.Contains(reporter.Messages, m => m.StartsWith("warning node n1: --break-lock ended the run holding the lock: alice@ctl", StringComparison.Ordinal));
        var ended = await other.FinishAsync(TimeSpan.FromSeconds(5));
        Assert.NotEqual(0, ended.ExitCode);
    }
}
