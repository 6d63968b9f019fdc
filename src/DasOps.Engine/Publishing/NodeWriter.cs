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
        var fields = new List<string>();
        // A file the plan removes has "-" for its desired hash and nothing in the tar: it is checked and backed up only.
        foreach (var w in writes)
            fields.AddRange(new[] { w.Path, StagedName(w.Path), w.Plan.CurrentHash ?? "-", w.Plan.DesiredHash ?? "-", Convert.ToString(w.Mode, 8), w.Owner ?? "-" });
        var staged = writes.Where(w => !w.Plan.Removes).Select(w => new KeyValuePair<string, byte[]>(StagedName(w.Path), w.Plan.Desired));
        var tar = StdinFields(fields, UstarWriter.Create(staged, DateTime.UtcNow));
        try
        {
            var args = new List<string> { home, backupId, link ?? "" };
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
    /// The per-file fields of a node script, one per line and ending with "--", ahead of <paramref name="rest"/>: what
    /// the scripts read with their FieldsFromStdin prologue. Hashes of password files go this way, never in argv.
    /// </summary>
    public static byte[] StdinFields(IEnumerable<string> fields, byte[]? rest = null)
    {
        var header = System.Text.Encoding.UTF8.GetBytes(string.Concat(fields.Select(f => f + "\n")) + "--\n");
        var bytes = new byte[header.Length + (rest?.Length ?? 0)];
        Buffer.BlockCopy(header, 0, bytes, 0, header.Length);
        if (rest != null)
        {
            Buffer.BlockCopy(rest, 0, bytes, header.Length, rest.Length);
            Array.Clear(rest, 0, rest.Length);
        }
        return bytes;
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
        var command = RemoteCommand.Script(RemoteScripts.Commit, args, null, CommitTimeout, "switch files");
        var result = await shell.RunAsync(command, cancellationToken).ConfigureAwait(false);
        // A switch that died halfway (its process killed, its session lost) left some files renamed: run it again, and it
        // resumes where it stopped, so the node ends wholly new (or rolled back) rather than half.
        for (var retry = 0; retry < CommitRetries && backupId.Length > 0 && Interrupted(result); retry++)
        {
            await Task.Delay(CommitRetryPause, cancellationToken).ConfigureAwait(false);
            result = await shell.RunAsync(command, cancellationToken).ConfigureAwait(false);
        }
        if (!result.Succeeded)
            throw NodeOperationException.FromResult(shell.Node,
                result.Output.Contains("ROLLBACK-INCOMPLETE") ? "switching to the new files (the roll-back was INCOMPLETE: the node has some new files; restore it)"
                : result.Output.Contains("ROLLED-BACK") ? "switching to the new files (rolled back: the node has all its previous files)"
                : Interrupted(result) ? "switching to the new files (interrupted: the node may have some new files; run apply again to finish the switch)"
                : "switching to the new files", result);
    }

    private const int CommitRetries = 2;
    private static readonly TimeSpan CommitRetryPause = TimeSpan.FromSeconds(1);

    /// <summary>The switch ended without saying how: killed, or its session lost (exit 3 is its own "failed, nothing renamed").</summary>
    private static bool Interrupted(CommandResult result) =>
        !result.Succeeded && result.ExitCode != 3 && !result.Output.Contains("ROLLED-BACK") && !result.Output.Contains("ROLLBACK-INCOMPLETE");
}
