using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Planning;
using DasOps.Engine.Planning.Library;
using DasOps.Engine.Remote;
using DasOps.Engine.Secrets;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Publishing;

/// <summary>
/// Puts a node's files back from HOME/.dasops/backups/ID (the newest by default), byte for byte with their modes
/// and owners, the same atomic way apply writes: staged beside the targets from the backup copies, verified
/// against the manifest, then renamed. The files it replaces are backed up first, so a restore can be undone.
/// The copy happens on the node: no file content (and so no secret) travels.
/// </summary>
public sealed class ConfigurationRestorer
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(120);

    private readonly ClusterSpec _spec;
    private readonly IRemoteShellFactory _shells;
    private readonly IOperationReporter _reporter;

    public ConfigurationRestorer(ClusterSpec spec, IRemoteShellFactory shells, IOperationReporter? reporter = null)
    {
        _spec = spec;
        _shells = shells;
        _reporter = reporter ?? SilentReporter.Instance;
    }

    /// <summary>Restores the nodes named in <see cref="PublishOptions.Nodes"/> (required) from <see cref="PublishOptions.BackupId"/> or their newest backup.</summary>
    public Task<IReadOnlyList<NodePublishResult>> RestoreAsync(PublishOptions options, CancellationToken cancellationToken)
    {
        if (options.Nodes == null || options.Nodes.Count == 0) throw new InputException(InputErrorKind.ParameterInvalid, "name the node(s) to restore (--node / -Node).", "Node");
        if (options.BackupId != null && !BackupManifest.IsValidId(options.BackupId))
            throw new InputException(InputErrorKind.ParameterInvalid, $"'{options.BackupId}' is not a backup id (they look like 20250131T235959.123Z).", options.BackupId);
        var nodes = NodeSelection.Resolve(_spec, options.Nodes);
        var holder = options.Holder ?? PublishOptions.DefaultHolder();
        return ParallelNodes.RunAsync(nodes, options.Parallelism, "Restoring configuration", _reporter,
            node => RestoreNodeAsync(node, options.BackupId, options.BreakLock, holder, cancellationToken),
            (_, fault) => Done(NodePublishResult.Failed(fault.Node, fault.Message, fault.Failure, fault.Elapsed)), cancellationToken);
    }

    /// <summary>Faults become the node's result in the runner; the lock is released here on every path.</summary>
    private async Task<NodePublishResult> RestoreNodeAsync(NodeSpec node, string? backupId, bool breakLock, string holder,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        NodeLock? nodeLock = null;
        try
        {
            var shell = _shells.ShellFor(node);
            var home = _spec.HomeOf(node);
            _reporter.NodeProgress(node.Name, "locking", 5);
            nodeLock = await NodeLock.AcquireAsync(shell, home, holder, breakLock, cancellationToken).ConfigureAwait(false);

            _reporter.NodeProgress(node.Name, "reading the backup", 20);
            var found = await RunAsync(shell, RemoteScripts.FindBackup, new[] { home, backupId ?? "" }, "finding the backup", cancellationToken).ConfigureAwait(false);
            (string Id, IReadOnlyList<BackupEntry> Entries) manifest;
            try
            {
                manifest = BackupManifest.Parse(found);
            }
            catch (FormatException e)
            {
                throw new NodeOperationException(node.Name, NodeFailure.CommandFailed, e.Message);
            }
            var (source, entries) = manifest;
            RefuseUnmanaged(node, source, entries);
            var secretPaths = ConfigurationPlanner.SecretPathsOf(_spec, node);

            if (!_reporter.ShouldProcess(node.Name, $"restore {entries.Count} file(s) from backup {source}"))
                return Done(new NodePublishResult(node.Name, PublishStatus.Skipped, Results(node.Name, secretPaths, entries, null), clock.Elapsed, restoredFrom: source));

            var newId = NodeWriter.NewBackupId(DateTime.UtcNow);
            var args = new List<string> { home, source, newId };
            var fields = entries.SelectMany(e => new[] { e.Path, e.Existed ? "file" : "absent", NodeWriter.StagedName(e.Path), e.Hash ?? "-" });
            _reporter.NodeProgress(node.Name, $"staging {entries.Count} file(s) from backup {source}", 40);
            var staged = await RunAsync(shell, RemoteScripts.StageRestore, args, "staging the backed-up files", cancellationToken, NodeWriter.StdinFields(fields)).ConfigureAwait(false);
            var decisions = staged.Replace("\r", "").Split('\n').Select(l => l.Split(new[] { '\t' }, 2)).Where(f => f.Length == 2)
                .ToDictionary(f => f[1], f => f[0], StringComparer.Ordinal);
            if (staged.Contains("NOTHING"))
                return Done(new NodePublishResult(node.Name, PublishStatus.Unchanged, Results(node.Name, secretPaths, entries, decisions), clock.Elapsed, restoredFrom: source));

            _reporter.NodeProgress(node.Name, "switching", 80);
            var changes = entries.Where(e => decisions.TryGetValue(e.Path, out var d) && d != "same").Select(e => (decisions[e.Path], e.Path)).ToList();
            await NodeWriter.CommitAsync(shell, home, newId, null, _spec.KeepBackupsOrDefault, changes, CancellationToken.None).ConfigureAwait(false);
            return Done(new NodePublishResult(node.Name, PublishStatus.Changed, Results(node.Name, secretPaths, entries, decisions, written: true), clock.Elapsed,
                backupId: newId, restoredFrom: source));
        }
        finally
        {
            if (nodeLock != null) await nodeLock.ReleaseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A backup's manifest comes from the node, so it is input: every path must be one this spec manages on this node,
    /// relative and without '..', or nothing is restored.
    /// </summary>
    private void RefuseUnmanaged(NodeSpec node, string source, IReadOnlyList<BackupEntry> entries)
    {
        var managed = new HashSet<string>(ConfigurationPlanner.TextPathsOf(_spec, node), StringComparer.Ordinal);
        // The jar paths are derived from the spec alone, without reading the jars (a restore must work when they are gone).
        managed.UnionWith(LibraryJars.PossiblePathsOf(_spec));
        var refused = entries.Select(e => e.Path).Where(p => !IsPlainRelative(p) || !(managed.Contains(p) || LibraryJars.IsBundlePath(_spec, p))).ToList();
        if (refused.Count > 0)
            throw new NodeOperationException(node.Name, NodeFailure.Refused,
                $"node {node.Name}: backup {source} names path(s) this spec does not manage ({string.Join(", ", refused.Select(p => "'" + p + "'"))}); nothing was restored.");
    }

    private static bool IsPlainRelative(string path) =>
        path.Length > 0 && path[0] != '/' && path.Split('/').All(segment => segment.Length > 0 && segment != "." && segment != "..")
        && path.All(c => !char.IsControl(c));

    private static async Task<string> RunAsync(IRemoteShell shell, string script, IReadOnlyList<string> args, string step, CancellationToken cancellationToken,
        byte[]? standardInput = null)
    {
        var result = await shell.RunAsync(RemoteCommand.Script(script, args, standardInput, StepTimeout, step), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded) throw NodeOperationException.FromResult(shell.Node, step, result);
        return result.Output;
    }

    /// <summary>Per-file results: a restored file's desired hash is the backup's; a removed one has none.</summary>
    private static IReadOnlyList<FilePublishResult> Results(string node, ISet<string> secretPaths, IReadOnlyList<BackupEntry> entries, IReadOnlyDictionary<string, string>? decisions,
        bool written = false) =>
        entries.Select(e =>
        {
            // Not staged (-WhatIf, a declined -Confirm): what the backup says, a file it holds put back, one it lacks removed.
            var decision = decisions != null && decisions.TryGetValue(e.Path, out var d) ? d : e.Existed ? "put" : "del";
            var mode = e.Mode != null ? Convert.ToInt32(e.Mode, 8) : 0;
            // A path the backup lacks is removed, and has no desired hash.
            var change = decision == "same" ? FileChange.Unchanged : decision == "del" ? FileChange.Removed : FileChange.Modified;
            var hash = secretPaths.Contains(e.Path) ? SecretFileHash.Of(e.Hash) : e.Hash;
            return new FilePublishResult(node, e.Path, change, null, hash, mode, null, decision != "same", written && decision != "same", "");
        }).ToList();

    private NodePublishResult Done(NodePublishResult result)
    {
        _reporter.NodeProgress(result.Node, result.Summary, 100, completed: true);
        return result;
    }
}
