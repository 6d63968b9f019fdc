using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Remote;

namespace DasOps.Engine.Publishing;

/// <summary>
/// The two writing round trips of a node: stage (one tar stream on stdin, unpacked beside the targets, verified,
/// backed up) and commit (the renames). Until commit starts, every target still holds its old bytes.
/// </summary>
internal static class NodeWriter
{
    private static readonly TimeSpan CommitTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Where a file is staged: beside its target (same directory, so the rename is atomic), hidden.</summary>
    public static string StagedName(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "." + path + ".dasops-new" : path.Substring(0, slash + 1) + "." + path.Substring(slash + 1) + ".dasops-new";
    }

    /// <summary>Backup ids sort in time order: UTC to the millisecond (e.g. 20250131T235959.123Z).</summary>
    public static string NewBackupId(DateTime utcNow) => utcNow.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'.'fff'Z'", CultureInfo.InvariantCulture);

    public static async Task StageAsync(IRemoteShell shell, string home, string backupId, string? link, IReadOnlyList<FileWrite> writes,
        CancellationToken cancellationToken)
    {
        var tar = UstarWriter.Create(writes.Select(w => new KeyValuePair<string, byte[]>(StagedName(w.Path), w.Plan.Desired)), DateTime.UtcNow);
        try
        {
            var args = new List<string> { home, backupId, link ?? "" };
            foreach (var w in writes)
            {
                args.AddRange(new[]
                {
                    w.Path, StagedName(w.Path), w.Plan.CurrentHash ?? "-", w.Plan.DesiredHash,
                    Convert.ToString(w.Mode, 8), w.Owner ?? "-",
                });
            }
            // Generous for a slow link: the jar may be megabytes; small config files take milliseconds.
            var timeout = TimeSpan.FromSeconds(60 + tar.Length / (256 * 1024));
            var result = await shell.RunAsync(RemoteCommand.Script(RemoteScripts.StageApply, args, tar, timeout, "stage files"), cancellationToken)
                .ConfigureAwait(false);
            if (!result.Succeeded || !result.Output.Contains("STAGED")) throw NodeOperationException.FromResult(shell.Node, "staging the new files", result);
        }
        finally
        {
            // The stream held the secrets in clear; it has been sent.
            Array.Clear(tar, 0, tar.Length);
        }
    }

    /// <summary>
    /// Renames each staged file into place ("put") or removes a target ("del"), sets the Spark link, then keeps only the
    /// newest <paramref name="keepBackups"/> switched backups.
    /// </summary>
    public static async Task CommitAsync(IRemoteShell shell, string home, string backupId, string? link, int keepBackups,
        IEnumerable<(string Operation, string Path)> changes, CancellationToken cancellationToken)
    {
        var args = new List<string> { home, backupId, link ?? "", keepBackups.ToString(CultureInfo.InvariantCulture) };
        foreach (var (operation, path) in changes) args.AddRange(new[] { operation, path, StagedName(path) });
        var result = await shell.RunAsync(RemoteCommand.Script(RemoteScripts.Commit, args, null, CommitTimeout, "switch files"), cancellationToken)
            .ConfigureAwait(false);
        if (!result.Succeeded) throw NodeOperationException.FromResult(shell.Node, "switching to the new files", result);
    }
}
