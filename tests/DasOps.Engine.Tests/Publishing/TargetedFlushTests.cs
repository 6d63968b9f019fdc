using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Planning;
using DasOps.Engine.Publishing;
using DasOps.Engine.Remote;
using DasOps.Engine.Tests.Support;
using Xunit;

namespace DasOps.Engine.Tests.Publishing;

/// <summary>
/// Staging and the switch flush what they wrote (the staged files, the backup, the directories the renames changed)
/// and never the whole machine: a bare sync flushes every dirty page on the node, the database's and the logs' too,
/// and was the largest cost of an apply in the transport bench.
/// </summary>
public class TargetedFlushTests
{
    [Fact]
    public async Task Stage_and_switch_flush_only_the_staged_files_the_backup_and_the_changed_directories()
    {
        using var cluster = new LocalCluster();
        var home = cluster.PathOf("n1", "");
        var plan = (await cluster.PlanAsync(new PublishOptions { Nodes = new[] { "n1" } })).Single().Plan!;
        var writes = plan.Files.Where(f => f.Change != FileChange.Unchanged)
            .Select(f => new FileWrite(f, null, LocalCluster.ModeOf(Path.Combine(home, f.Path)))).ToList();
        Assert.True(writes.Count >= 2);
        using var shell = new SyncRecordingShell(cluster.Root);
        var id = NodeWriter.NewBackupId(System.DateTime.UtcNow);

        await NodeWriter.StageAsync(shell, home, id, null, writes, CancellationToken.None);
        var staged = shell.TakeCalls();
        await NodeWriter.CommitAsync(shell, home, id, null, 5, writes.Select(w => ("put", w.Path)), CancellationToken.None);
        var switched = shell.TakeCalls();

        Assert.All(staged.Concat(switched), call => Assert.True(call.Length > 1 && call[0] == "--", "a sync without names: " + string.Join(" ", call)));
        var stagedNames = staged.SelectMany(c => c.Skip(1)).ToHashSet();
        foreach (var w in writes)
        {
            Assert.Contains(NodeWriter.StagedName(w.Path), stagedNames);
            Assert.Contains($".dasops/backups/{id}/{w.Path}", stagedNames);
        }
        Assert.Contains($".dasops/backups/{id}/manifest", stagedNames);
        var switchedDirs = switched.SelectMany(c => c.Skip(1)).ToHashSet();
        foreach (var w in writes) Assert.Contains(Path.GetDirectoryName(w.Path) is { Length: > 0 } d ? d : ".", switchedDirs);
        foreach (var w in writes) Assert.True(File.ReadAllBytes(Path.Combine(home, w.Path)).SequenceEqual(w.Plan.Desired), w.Path + " is not new");
    }

    /// <summary>Runs the scripts locally with a `sync` first on PATH that records its arguments and then really syncs them.</summary>
    private sealed class SyncRecordingShell : IRemoteShell
    {
        private readonly IRemoteShell _inner = new LocalShell("n1");
        private readonly string _bin;
        private readonly string _log;

        public SyncRecordingShell(string root)
        {
            _bin = Path.Combine(root, "sync-shim");
            _log = Path.Combine(root, "sync-calls");
            Directory.CreateDirectory(_bin);
            // The probe run records nothing (no SYNC_LOG) and only asks sync its version.
            FreshScript.Write(Path.Combine(_bin, "sync"),
                "#!/bin/sh\n[ -n \"$SYNC_LOG\" ] || exec /bin/sync \"$@\"\nprintf '%s\\037' \"$@\" >> \"$SYNC_LOG\"\necho >> \"$SYNC_LOG\"\nexec /bin/sync \"$@\"\n", "--version");
        }

        public string Node => _inner.Node;

        public IReadOnlyList<string[]> TakeCalls()
        {
            if (!File.Exists(_log)) return new List<string[]>();
            var calls = File.ReadAllLines(_log).Where(l => l.Length > 0)
                .Select(l => l.TrimEnd('\u001f').Split('\u001f')).ToList();
            File.Delete(_log);
            return calls;
        }

        public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken)
        {
            var path = System.Environment.GetEnvironmentVariable("PATH");
            var args = new[] { "env", $"PATH={_bin}:{path}", $"SYNC_LOG={_log}" }.Concat(command.Arguments).ToList();
            return _inner.RunAsync(new RemoteCommand(args, command.StandardInput, command.Timeout, command.Description), cancellationToken);
        }

        public void Dispose() => _inner.Dispose();
    }
}
