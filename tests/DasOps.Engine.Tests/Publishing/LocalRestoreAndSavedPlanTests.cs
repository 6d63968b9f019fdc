using DasOps.Engine.Diagnostics;
using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Planning;
using DasOps.Engine.Publishing;
using Xunit;

namespace DasOps.Engine.Tests.Publishing;

/// <summary>Restore from the node's backups and `apply --plan`, through local shells.</summary>
public class LocalRestoreAndSavedPlanTests
{
    [Fact]
    public async Task Restore_puts_back_the_previous_files_byte_for_byte_with_modes_and_can_itself_be_undone()
    {
        using var cluster = new LocalCluster(dbUser: "user_a", withDriver: true);
        await cluster.ApplyAsync();
        var afterA = cluster.Snapshot("n1");
        var specB = cluster.SpecFor("user_b");
        Assert.All(await cluster.ApplyAsync(spec: specB), r => Assert.Equal(PublishStatus.Changed, r.Status));
        var afterB = cluster.Snapshot("n1");
        Assert.NotEqual(afterA["repository/conf/datasources/master-datasources.xml"].Bytes, afterB["repository/conf/datasources/master-datasources.xml"].Bytes);

        var restorer = new ConfigurationRestorer(specB, new LocalShells());
        var restored = (await restorer.RestoreAsync(new PublishOptions { Nodes = new[] { "n1" } }, CancellationToken.None)).Single();

        Assert.Equal(PublishStatus.Changed, restored.Status);
        Assert.NotNull(restored.RestoredFrom);
        Assert.NotNull(restored.BackupId);
        AssertSameTree(afterA, cluster.Snapshot("n1"));

        // The restore backed up B's files first: restoring the newest backup now brings B back.
        var undone = (await restorer.RestoreAsync(new PublishOptions { Nodes = new[] { "n1" } }, CancellationToken.None)).Single();
        Assert.Equal(restored.BackupId, undone.RestoredFrom);
        AssertSameTree(afterB, cluster.Snapshot("n1"));

        // Restoring what is already there changes nothing.
        var again = (await restorer.RestoreAsync(new PublishOptions { Nodes = new[] { "n1" }, BackupId = undone.RestoredFrom }, CancellationToken.None)).Single();
        Assert.Equal(PublishStatus.Unchanged, again.Status);
    }

    [Fact]
    public async Task Restore_of_an_older_backup_removes_a_file_that_backup_lacked_and_leaves_one_already_right()
    {
        using var cluster = new LocalCluster(dbUser: "user_a", withDriver: true);
        var stock = cluster.Snapshot("n1");
        var first = (await cluster.ApplyAsync()).Single(r => r.Node == "n1");
        var afterA = cluster.Snapshot("n1");
        Assert.All(await cluster.ApplyAsync(spec: cluster.SpecFor("user_b")), r => Assert.Equal(PublishStatus.Changed, r.Status));
        // One file put back by hand as it was before the first run, bytes and mode: the restore finds it right ("same").
        const string carbon = "repository/conf/carbon.xml";
        Assert.NotEqual(stock[carbon].Bytes, afterA[carbon].Bytes);
        File.WriteAllBytes(cluster.PathOf("n1", carbon), stock[carbon].Bytes);
        File.SetUnixFileMode(cluster.PathOf("n1", carbon), (UnixFileMode)stock[carbon].Mode);

        // Declined (-WhatIf): nothing staged, and the results still say the jar would be removed.
        var declined = (await new ConfigurationRestorer(cluster.Spec, new LocalShells(), new RecordingReporter { Answer = (_, _) => false })
            .RestoreAsync(new PublishOptions { Nodes = new[] { "n1" }, BackupId = first.BackupId }, CancellationToken.None)).Single();
        Assert.Equal(PublishStatus.Skipped, declined.Status);
        Assert.Equal(FileChange.Removed, declined.Files.Single(f => f.Path.EndsWith(".jar", StringComparison.Ordinal)).Change);
        Assert.True(File.Exists(cluster.PathOf("n1", declined.Files.Single(f => f.Path.EndsWith(".jar", StringComparison.Ordinal)).Path)));

        // The first run's backup predates the JDBC driver (it was absent): restoring it removes the jar ("del"),
        // copies the other files back ("put") and leaves carbon.xml alone, in one switch.
        var restored = (await new ConfigurationRestorer(cluster.Spec, new LocalShells())
            .RestoreAsync(new PublishOptions { Nodes = new[] { "n1" }, BackupId = first.BackupId }, CancellationToken.None)).Single();

        Assert.True(restored.Status == PublishStatus.Changed, restored.Error);
        var jar = Assert.Single(restored.Files, f => f.Path.EndsWith(".jar", StringComparison.Ordinal));
        Assert.Equal(FileChange.Removed, jar.Change);
        Assert.Null(jar.DesiredHash);
        Assert.Equal(FileChange.Unchanged, restored.Files.Single(f => f.Path == carbon).Change);
        AssertSameTree(stock, cluster.Snapshot("n1"));
    }

    [Fact]
    public async Task Restore_of_a_backup_that_does_not_exist_names_the_node_and_what_exists()
    {
        using var cluster = new LocalCluster();
        await cluster.ApplyAsync();
        var restorer = new ConfigurationRestorer(cluster.Spec, new LocalShells());

        var result = (await restorer.RestoreAsync(new PublishOptions { Nodes = new[] { "n2" }, BackupId = "20000101T000000.000Z" }, CancellationToken.None)).Single();

        Assert.Equal(PublishStatus.Failed, result.Status);
        Assert.StartsWith("node n2: ", result.Error);
        Assert.Contains("no backup 20000101T000000.000Z", result.Error);
        foreach (var notAnId in new[] { "../etc", "yesterday", "20000101T000000.000Z\n", "x20000101T000000.000Z" })
        {
            var refused = await Assert.ThrowsAsync<InputException>(() => restorer.RestoreAsync(new PublishOptions { Nodes = new[] { "n2" }, BackupId = notAnId }, CancellationToken.None));
            Assert.Equal(InputErrorKind.ParameterInvalid, refused.Kind);
        }
        Assert.Equal(InputErrorKind.ParameterInvalid, (await Assert.ThrowsAsync<InputException>(() => restorer.RestoreAsync(new PublishOptions(), CancellationToken.None))).Kind);
    }

    [Fact]
    public async Task A_saved_plan_is_applied_when_nothing_moved_and_refused_on_every_node_when_one_file_did()
    {
        using var cluster = new LocalCluster();
        var file = Path.Combine(cluster.Root, "plan.json");
        SavedPlan.From(cluster.Spec, await cluster.PlanAsync()).Save(file);
        Assert.Equal(0x180, LocalCluster.ModeOf(file));
        Assert.DoesNotContain(LocalCluster.Password, File.ReadAllText(file));

        // Someone edits node n2 after the plan was made: nothing may be written anywhere.
        File.AppendAllText(cluster.PathOf("n2", "repository/conf/registry.xml"), "\n");
        var before1 = cluster.Snapshot("n1");
        var refused = await cluster.ApplyAsync(new PublishOptions { SavedPlan = SavedPlan.Load(file) });

        var n2 = refused.Single(r => r.Node == "n2");
        Assert.Equal(PublishStatus.Failed, n2.Status);
        Assert.Equal(NodeFailure.Refused, n2.Failure);
        Assert.Contains("node n2: repository/conf/registry.xml: changed on the node since the plan was made", n2.Error);
        var n1 = refused.Single(r => r.Node == "n1");
        Assert.Equal(PublishStatus.Skipped, n1.Status);
        Assert.Contains("the saved plan no longer matches node n2", n1.Error);
        AssertSameTree(before1, cluster.Snapshot("n1"));

        SavedPlan.From(cluster.Spec, await cluster.PlanAsync()).Save(file);
        var applied = await cluster.ApplyAsync(new PublishOptions { SavedPlan = SavedPlan.Load(file), Parallelism = 1 });
        Assert.All(applied, r => Assert.Equal(PublishStatus.Changed, r.Status));

        // A plan made from another spec is refused before any node is touched.
        var other = cluster.SpecFor("someone_else");
        var stale = await Assert.ThrowsAsync<InputException>(() => cluster.ApplyAsync(new PublishOptions { SavedPlan = SavedPlan.Load(file) }, spec: other));
        Assert.Equal(InputErrorKind.PlanInvalid, stale.Kind);
    }

    private static void AssertSameTree(System.Collections.Generic.IReadOnlyDictionary<string, (byte[] Bytes, int Mode)> expected,
        System.Collections.Generic.IReadOnlyDictionary<string, (byte[] Bytes, int Mode)> actual)
    {
        Assert.Equal(expected.Keys.OrderBy(k => k, StringComparer.Ordinal), actual.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var (path, (bytes, mode)) in expected)
        {
            Assert.True(bytes.SequenceEqual(actual[path].Bytes), $"{path} differs");
            Assert.True(mode == actual[path].Mode, $"{path}: mode {Convert.ToString(actual[path].Mode, 8)}, expected {Convert.ToString(mode, 8)}");
        }
    }
}
