using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Planning;
using DasOps.Engine.Publishing;
using DasOps.Engine.Remote;
using Xunit;

namespace DasOps.Engine.Tests.Publishing;

/// <summary>
/// Atomic per node, not per file: what the switch needs is checked when staging, and a switch that fails halfway puts
/// back every file it had already renamed, so the node has all its old files and says so.
/// </summary>
public class AtomicNodeTests
{
    [Fact]
    public async Task A_spark_link_whose_directory_is_missing_is_refused_at_staging_and_no_file_changes()
    {
        using var cluster = new LocalCluster();
        var missingParent = Path.Combine(cluster.Root, "no-such-dir", "das-link");
        var spec = cluster.Spec;
        spec.Spark.Symlink = missingParent;
        var before = cluster.Snapshot("n1");

        var result = (await cluster.ApplyAsync(new PublishOptions { Nodes = new[] { "n1" } }, spec: spec)).Single();

        Assert.Equal(PublishStatus.Failed, result.Status);
        Assert.Contains("its directory", result.Error);
        Assert.Contains("does not exist", result.Error);
        var after = cluster.Snapshot("n1");
        Assert.Equal(before.Keys.OrderBy(k => k), after.Keys.OrderBy(k => k));
        Assert.All(before, f => Assert.Equal(f.Value.Bytes, after[f.Key].Bytes));
        Assert.Empty(Directory.GetFiles(cluster.PathOf("n1", ""), "*.dasops-new", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_rename_that_fails_halfway_rolls_the_node_back_to_all_its_old_files(bool withLink)
    {
        using var cluster = new LocalCluster(withSymlink: withLink);
        // The Spark link is already right: the failed switch below must leave it exactly as it is.
        if (withLink) File.CreateSymbolicLink(cluster.Link, cluster.PathOf("n1", ""));
        var node = cluster.Spec.Nodes[0];
        var home = cluster.PathOf("n1", "");
        var plan = (await cluster.PlanAsync(new PublishOptions { Nodes = new[] { "n1" } })).Single().Plan!;
        var snapshotBefore = cluster.Snapshot("n1");
        var writes = plan.Files.Where(f => f.Change != FileChange.Unchanged)
            .Select(f => new FileWrite(f, null, LocalCluster.ModeOf(Path.Combine(home, f.Path)))).ToList();
        Assert.True(writes.Count >= 3);
        var shell = new LocalShell("n1");
        var id = NodeWriter.NewBackupId(System.DateTime.UtcNow);

        await NodeWriter.StageAsync(shell, home, id, null, writes, CancellationToken.None);
        // The third staged file vanishes before the switch: its rename fails after two others were renamed.
        File.Delete(Path.Combine(home, NodeWriter.StagedName(writes[2].Path)));
        var link = withLink ? cluster.Link : null;
        var failed = await Assert.ThrowsAsync<NodeOperationException>(() =>
            NodeWriter.CommitAsync(shell, home, id, link, 5, writes.Select(w => ("put", w.Path)), CancellationToken.None));

        Assert.Contains("rolled back", failed.Message);
        var after = cluster.Snapshot("n1");
        foreach (var (path, file) in snapshotBefore) Assert.True(file.Bytes.SequenceEqual(after[path].Bytes), path + " is not its old self");
        Assert.False(File.Exists(Path.Combine(home, $".dasops/backups/{id}/switched")));
        if (withLink) Assert.Equal(home.TrimEnd('/'), new FileInfo(cluster.Link).LinkTarget?.TrimEnd('/'));
    }

    [Fact]
    public async Task A_switch_killed_between_renames_is_run_again_and_the_node_ends_with_all_its_new_files()
    {
        using var cluster = new LocalCluster();
        var home = cluster.PathOf("n1", "");
        var plan = (await cluster.PlanAsync(new PublishOptions { Nodes = new[] { "n1" } })).Single().Plan!;
        var writes = plan.Files.Where(f => f.Change != FileChange.Unchanged)
            .Select(f => new FileWrite(f, null, LocalCluster.ModeOf(Path.Combine(home, f.Path)))).ToList();
        Assert.True(writes.Count >= 3);
        var shell = new KilledOnceSwitch(new LocalShell("n1"), home, renamedBeforeKill: 2);
        var id = NodeWriter.NewBackupId(System.DateTime.UtcNow);
        await NodeWriter.StageAsync(shell, home, id, null, writes, CancellationToken.None);

        await NodeWriter.CommitAsync(shell, home, id, null, 5, writes.Select(w => ("put", w.Path)), CancellationToken.None);

        Assert.Equal(2, shell.SwitchRuns);
        foreach (var w in writes) Assert.True(File.ReadAllBytes(Path.Combine(home, w.Path)).SequenceEqual(w.Plan.Desired), w.Path + " is not new");
        Assert.Empty(Directory.GetFiles(home, "*.dasops-new", SearchOption.AllDirectories));
        Assert.True(File.Exists(Path.Combine(home, $".dasops/backups/{id}/switched")));
    }

    [Fact]
    public async Task A_resumed_switch_whose_staged_file_vanished_rolls_the_node_back()
    {
        using var cluster = new LocalCluster();
        var home = cluster.PathOf("n1", "");
        var plan = (await cluster.PlanAsync(new PublishOptions { Nodes = new[] { "n1" } })).Single().Plan!;
        var writes = plan.Files.Where(f => f.Change != FileChange.Unchanged)
            .Select(f => new FileWrite(f, null, LocalCluster.ModeOf(Path.Combine(home, f.Path)))).ToList();
        var before = cluster.Snapshot("n1");
        var shell = new KilledOnceSwitch(new LocalShell("n1"), home, renamedBeforeKill: 1);
        var id = NodeWriter.NewBackupId(System.DateTime.UtcNow);
        await NodeWriter.StageAsync(shell, home, id, null, writes, CancellationToken.None);
        // The last staged file is lost while the switch is down: its target still holds the old bytes.
        shell.BeforeRetry = () => File.Delete(Path.Combine(home, NodeWriter.StagedName(writes[writes.Count - 1].Path)));

        var failed = await Assert.ThrowsAsync<NodeOperationException>(() =>
            NodeWriter.CommitAsync(shell, home, id, null, 5, writes.Select(w => ("put", w.Path)), CancellationToken.None));

        Assert.Contains("rolled back", failed.Message);
        var after = cluster.Snapshot("n1");
        foreach (var (path, file) in before) Assert.True(file.Bytes.SequenceEqual(after[path].Bytes), path + " is not its old self");
    }

    /// <summary>
    /// A shell whose first switch dies after N renames, as a SIGKILLed script would leave it: the backup marked switched,
    /// N staged files renamed, the rest still staged, and an exit the script never gives itself.
    /// </summary>
    private sealed class KilledOnceSwitch : IRemoteShell
    {
        private readonly IRemoteShell _inner;
        private readonly string _home;
        private readonly int _renamedBeforeKill;

        public KilledOnceSwitch(IRemoteShell inner, string home, int renamedBeforeKill)
        {
            _inner = inner;
            _home = home;
            _renamedBeforeKill = renamedBeforeKill;
        }

        public int SwitchRuns { get; private set; }
        public System.Action? BeforeRetry { get; set; }
        public string Node => _inner.Node;

        public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken)
        {
            if (command.Description != "switch files") return _inner.RunAsync(command, cancellationToken);
            if (++SwitchRuns > 1)
            {
                BeforeRetry?.Invoke();
                return _inner.RunAsync(command, cancellationToken);
            }
            // argv: sh -c SCRIPT sh HOME ID LINK KEEP (put PATH STAGED)...
            var args = command.Arguments.Skip(4).ToList();
            File.WriteAllText(Path.Combine(_home, ".dasops", "backups", args[1], "switched"), "");
            for (var i = 4; i + 2 < args.Count && (i - 4) / 3 < _renamedBeforeKill; i += 3)
                File.Move(Path.Combine(_home, args[i + 2]), Path.Combine(_home, args[i + 1]), overwrite: true);
            return Task.FromResult(new CommandResult(137, new byte[0], ""));
        }

        public void Dispose() => _inner.Dispose();
    }
}
