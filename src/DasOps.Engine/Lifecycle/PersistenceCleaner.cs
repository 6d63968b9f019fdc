using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Publishing;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Lifecycle;

/// <summary>How a node came out of a persistence clean-up.</summary>
public enum PersistenceStatus
{
    /// <summary>Old snapshot files were deleted.</summary>
    Cleaned,

    /// <summary>Nothing to delete: no execution plan has more than the files kept.</summary>
    Unchanged,

    /// <summary>Files would be deleted but were not: -WhatIf / --what-if, or a declined -Confirm.</summary>
    Skipped,

    /// <summary>The node could not be listed or not every selected file could be deleted; <see cref="PersistenceCleanResult.Error"/> says why.</summary>
    Failed,
}

/// <summary>One CEP state snapshot: <c>&lt;home&gt;/cep_persistence/&lt;tenant-id&gt;/&lt;plan&gt;/&lt;TIMESTAMP&gt;_&lt;plan&gt;</c>.</summary>
public sealed class PersistenceFile
{
    public PersistenceFile(string path, string tenant, string plan, string timestamp, long size)
    {
        Path = path;
        Tenant = tenant;
        Plan = plan;
        Timestamp = timestamp;
        Size = size;
    }

    /// <summary>Absolute path on the node.</summary>
    public string Path { get; }

    /// <summary>The tenant directory (-1234 for the super tenant).</summary>
    public string Tenant { get; }

    /// <summary>The execution plan (its directory, and the file name after the timestamp).</summary>
    public string Plan { get; }

    /// <summary>The digits before the first '_' of the file name, as written (milliseconds since the epoch).</summary>
    public string Timestamp { get; }

    public long Size { get; }

    public override string ToString() => Path;
}

/// <summary>What a node's listing decides: which snapshot files stay, which go, and which files are not snapshots at all.</summary>
public sealed class PersistenceSelection
{
    internal PersistenceSelection(IReadOnlyList<PersistenceFile> keep, IReadOnlyList<PersistenceFile> delete, IReadOnlyList<string> ignored)
    {
        Keep = keep;
        Delete = delete;
        Ignored = ignored;
    }

    public IReadOnlyList<PersistenceFile> Keep { get; }
    public IReadOnlyList<PersistenceFile> Delete { get; }

    /// <summary>Files under the persistence directory that do not follow the snapshot layout or naming; never touched.</summary>
    public IReadOnlyList<string> Ignored { get; }
}

/// <summary>One node's outcome of a persistence clean-up. Lists the files it selected so -WhatIf can show them.</summary>
public sealed class PersistenceCleanResult
{
    internal PersistenceCleanResult(string node, PersistenceStatus status, string root, int kept, int ignored, IReadOnlyList<PersistenceFile> selected,
        IReadOnlyList<PersistenceFile> deleted, TimeSpan duration, string? error = null, NodeFailure failure = NodeFailure.None)
    {
        Node = node;
        Status = status;
        Root = root;
        Kept = kept;
        Ignored = ignored;
        Selected = selected;
        Deleted = deleted;
        Duration = duration;
        Error = error;
        Failure = failure;
    }

    public string Node { get; }
    public PersistenceStatus Status { get; }

    /// <summary>The node's persistence directory, <c>&lt;home&gt;/cep_persistence</c>.</summary>
    public string Root { get; }

    /// <summary>Snapshot files left in place (the newest of each execution plan).</summary>
    public int Kept { get; }

    /// <summary>Files under the directory that are not snapshots by layout or name; left alone.</summary>
    public int Ignored { get; }

    /// <summary>The files chosen for deletion (deleted, or with -WhatIf the ones that would be).</summary>
    public IReadOnlyList<PersistenceFile> Selected { get; }

    /// <summary>The files that are gone after the run.</summary>
    public IReadOnlyList<PersistenceFile> Deleted { get; }

    public long BytesFreed => Deleted.Sum(f => f.Size);

    public long BytesSelected => Selected.Sum(f => f.Size);

    public TimeSpan Duration { get; }
    public string? Error { get; }
    public NodeFailure Failure { get; }

    /// <summary>One line for progress displays and logs.</summary>
    public string Summary
    {
        get
        {
            switch (Status)
            {
                case PersistenceStatus.Cleaned:
                    return $"deleted {Deleted.Count} file(s), {BytesFreed} bytes freed, kept {Kept}";
                case PersistenceStatus.Unchanged:
                    return $"nothing to delete, kept {Kept}";
                case PersistenceStatus.Skipped:
                    return $"would delete {Selected.Count} file(s) ({BytesSelected} bytes), keep {Kept}";
                default:
                    return "FAILED: " + Error + (Deleted.Count > 0 ? $" ({Deleted.Count} of {Selected.Count} file(s) deleted)" : "");
            }
        }
    }

    public override string ToString() => $"{Node}: {Summary}";
}

/// <summary>
/// Clear-DasPersistence / `dasops persistence clear`: CEP state snapshots are never deleted by the product (seeds 002
/// and 003), so this keeps the <see cref="KeepPerPlan"/> newest snapshot files of each execution plan of each tenant
/// and deletes the rest. Per node: one fixed script lists the files (the directory reaches it as an argument), the
/// decision is made here, the node is asked about (ShouldProcess), then one command deletes exactly the selected paths.
/// Nodes run in parallel; one node's failure never stops another.
/// </summary>
public sealed class PersistenceCleaner
{
    /// <summary>The directory under the product home, as event-processor.xml's persistenceLocation names it.</summary>
    public const string DirectoryName = "cep_persistence";

    /// <summary>How many snapshots of each execution plan stay (seeds 002/003: "leave the two files with the latest timestamps").</summary>
    public const int KeepPerPlan = 2;

    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(120);

    // $1: the persistence directory. Missing: nothing to list. -H follows the directory itself when it is a link
    // (moved to a larger disk), never a link below it. One record per file: size TAB path NUL.
    internal const string ListScript = @"root=$1
[ -e ""$root"" ] || exit 0
[ -d ""$root"" ] || { echo ""$root is not a directory"" >&2; exit 3; }
exec find -H ""$root"" -mindepth 3 -maxdepth 3 -type f -printf '%s\t%p\0'";

    // The paths arrive NUL-separated on stdin and reach rm as arguments: ssh hands the remote shell one command
    // string, which Linux limits to 128 KiB, and a neglected node holds thousands of snapshots.
    internal static readonly IReadOnlyList<string> DeleteCommand = new[] { "xargs", "-0", "rm", "-f", "--" };

    private static readonly Regex SnapshotName = new Regex(@"\A([0-9]+)_(.+)\z", RegexOptions.CultureInvariant | RegexOptions.Singleline);

    private readonly ClusterSpec _spec;
    private readonly Func<NodeSpec, IRemoteShell> _shellFor;
    private readonly IOperationReporter _reporter;

    public PersistenceCleaner(ClusterSpec spec, Func<NodeSpec, IRemoteShell> shellFor, IOperationReporter? reporter = null)
    {
        _spec = spec;
        _shellFor = shellFor;
        _reporter = reporter ?? SilentReporter.Instance;
    }

    /// <summary>How many nodes are worked on at once.</summary>
    public int Parallelism { get; set; } = PublishOptions.DefaultParallelism;

    /// <summary>The persistence directory of a node: <c>&lt;home&gt;/cep_persistence</c>.</summary>
    public static string RootOf(ClusterSpec spec, NodeSpec node) => spec.HomeOf(node).TrimEnd('/') + "/" + DirectoryName;

    public async Task<IReadOnlyList<PersistenceCleanResult>> ClearAsync(IEnumerable<NodeSpec> nodes, CancellationToken cancellationToken)
    {
        // ClearNodeAsync maps its own faults (the failure keeps the selection); the runner's mapping only covers a cancelled wait for a slot.
        return await ParallelNodes.RunAsync(nodes.ToList(), Parallelism, "Clearing CEP persistence", _reporter,
            (node, slot) => ClearNodeAsync(node, slot, cancellationToken),
            (node, fault) => Done(new PersistenceCleanResult(node.Name, PersistenceStatus.Failed, RootOf(_spec, node), 0, 0,
                Array.Empty<PersistenceFile>(), Array.Empty<PersistenceFile>(), fault.Elapsed, fault.Message, fault.Failure))).ConfigureAwait(false);
    }

    /// <summary>Never throws: whatever happens becomes this node's result.</summary>
    private async Task<PersistenceCleanResult> ClearNodeAsync(NodeSpec node, NodeSlot slot, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var root = RootOf(_spec, node);
        PersistenceSelection? selection = null;
        try
        {
            await slot.WaitAsync(cancellationToken).ConfigureAwait(false);
            var shell = _shellFor(node);
            _reporter.NodeProgress(node.Name, "listing " + root, 10);
            selection = Select(root, await ListAsync(shell, root, cancellationToken).ConfigureAwait(false));
            if (selection.Ignored.Count > 0)
                _reporter.Verbose($"{node.Name}: {selection.Ignored.Count} file(s) under {root} are not CEP snapshots (<tenant>/<plan>/<TIMESTAMP>_<plan>) and are left alone.");
            if (selection.Delete.Count == 0)
                return Done(new PersistenceCleanResult(node.Name, PersistenceStatus.Unchanged, root, selection.Keep.Count, selection.Ignored.Count,
                    selection.Delete, Array.Empty<PersistenceFile>(), clock.Elapsed));

            var bytes = selection.Delete.Sum(f => f.Size);
            var action = $"delete {selection.Delete.Count} CEP snapshot file(s) ({bytes} bytes) under {root}, keeping the newest {KeepPerPlan} of each execution plan";
            if (!_reporter.ShouldProcess(node.Name, action))
                return Done(new PersistenceCleanResult(node.Name, PersistenceStatus.Skipped, root, selection.Keep.Count, selection.Ignored.Count,
                    selection.Delete, Array.Empty<PersistenceFile>(), clock.Elapsed));

            _reporter.NodeProgress(node.Name, $"deleting {selection.Delete.Count} file(s)", 50);
            var deleted = await DeleteAsync(shell, root, selection.Delete, cancellationToken).ConfigureAwait(false);
            if (deleted.Error != null)
                return Done(new PersistenceCleanResult(node.Name, PersistenceStatus.Failed, root, selection.Keep.Count, selection.Ignored.Count,
                    selection.Delete, deleted.Gone, clock.Elapsed, $"node {node.Name}: {deleted.Error}", NodeFailure.CommandFailed));
            return Done(new PersistenceCleanResult(node.Name, PersistenceStatus.Cleaned, root, selection.Keep.Count, selection.Ignored.Count,
                selection.Delete, deleted.Gone, clock.Elapsed));
        }
        catch (Exception e) when (!(e is OutOfMemoryException))
        {
            var fault = NodeFault.Of(node.Name, e, clock.Elapsed);
            return Done(new PersistenceCleanResult(node.Name, PersistenceStatus.Failed, root, selection?.Keep.Count ?? 0, selection?.Ignored.Count ?? 0,
                selection?.Delete ?? Array.Empty<PersistenceFile>(), Array.Empty<PersistenceFile>(), clock.Elapsed, fault.Message, fault.Failure));
        }
    }

    private PersistenceCleanResult Done(PersistenceCleanResult result)
    {
        _reporter.NodeProgress(result.Node, result.Summary, 100, completed: true);
        return result;
    }

    private static async Task<IReadOnlyList<(string Path, long Size)>> ListAsync(IRemoteShell shell, string root, CancellationToken cancellationToken)
    {
        var result = await shell.RunAsync(RemoteCommand.Script(ListScript, new[] { root }, null, StepTimeout, "list CEP persistence files"), cancellationToken)
            .ConfigureAwait(false);
        if (!result.Succeeded) throw NodeOperationException.FromResult(shell.Node, "listing " + root, result);
        return ParseListing(result.StandardOutput);
    }

    /// <summary>
    /// Deletes exactly <paramref name="files"/>, each checked again to lie under <paramref name="root"/>. When the
    /// command fails, the directory is listed again so the result names what is really gone.
    /// </summary>
    private static async Task<(IReadOnlyList<PersistenceFile> Gone, string? Error)> DeleteAsync(IRemoteShell shell, string root,
        IReadOnlyList<PersistenceFile> files, CancellationToken cancellationToken)
    {
        var outside = files.FirstOrDefault(f => Segments(root, f.Path) == null);
        if (outside != null) throw new InvalidOperationException($"refusing to delete {outside.Path}: it is not a snapshot file under {root}/.");
        var input = new List<byte>();
        foreach (var file in files)
        {
            input.AddRange(Encoding.UTF8.GetBytes(file.Path));
            input.Add(0);
        }
        var result = await shell.RunAsync(new RemoteCommand(DeleteCommand, input.ToArray(), StepTimeout, "delete old CEP persistence files"), cancellationToken)
            .ConfigureAwait(false);
        if (result.Succeeded) return (files, null);
        if (result.Unreachable) throw NodeOperationException.FromResult(shell.Node, "deleting persistence files", result);

        var remaining = new HashSet<string>((await ListAsync(shell, root, cancellationToken).ConfigureAwait(false)).Select(f => f.Path), StringComparer.Ordinal);
        var said = result.StandardError.Trim().Replace("\n", " / ");
        return (files.Where(f => !remaining.Contains(f.Path)).ToList(),
            $"deleting persistence files failed (exit {result.ExitCode})" + (said.Length > 0 ? ": " + said : ""));
    }

    /// <summary>
    /// The list script's output: "SIZE\tPATH\0" records. A path that is not valid UTF-8 could not be named back to
    /// the node byte for byte, so it comes back marked with U+FFFD, which <see cref="Select"/> ignores.
    /// </summary>
    internal static IReadOnlyList<(string Path, long Size)> ParseListing(byte[] output)
    {
        var files = new List<(string, long)>();
        var strict = new UTF8Encoding(false, true);
        var start = 0;
        for (var i = 0; i < output.Length; i++)
        {
            if (output[i] != 0) continue;
            var tab = Array.IndexOf(output, (byte)'\t', start, i - start);
            if (tab > start && long.TryParse(Encoding.ASCII.GetString(output, start, tab - start), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                string path;
                try
                {
                    path = strict.GetString(output, tab + 1, i - tab - 1);
                }
                catch (DecoderFallbackException)
                {
                    path = "\uFFFD" + Encoding.UTF8.GetString(output, tab + 1, i - tab - 1);
                }
                files.Add((path, size));
            }
            start = i + 1;
        }
        return files;
    }

    /// <summary>
    /// The decision: files are grouped by tenant and execution plan; a file is a snapshot only at
    /// <c>ROOT/TENANT/PLAN/DIGITS_PLAN</c>. Of each group the <see cref="KeepPerPlan"/> newest by the numeric timestamp
    /// stay, and so does any file exactly as new as the oldest of those (a tie is never broken by deleting one of
    /// them). Everything else that is not a snapshot is ignored, never deleted.
    /// </summary>
    public static PersistenceSelection Select(string root, IEnumerable<(string Path, long Size)> files)
    {
        var snapshots = new List<PersistenceFile>();
        var ignored = new List<string>();
        foreach (var (path, size) in files)
        {
            var segments = Segments(root, path);
            var match = segments == null ? null : SnapshotName.Match(segments[2]);
            if (segments == null || match is not { Success: true } || match.Groups[2].Value != segments[1] || path.IndexOf('\uFFFD') >= 0)
            {
                ignored.Add(path);
                continue;
            }
            snapshots.Add(new PersistenceFile(path, segments[0], segments[1], match.Groups[1].Value, size));
        }

        var keep = new List<PersistenceFile>();
        var delete = new List<PersistenceFile>();
        foreach (var plan in snapshots.GroupBy(f => (f.Tenant, f.Plan)).OrderBy(g => g.Key.Tenant, StringComparer.Ordinal).ThenBy(g => g.Key.Plan, StringComparer.Ordinal))
        {
            var newestFirst = plan.OrderByDescending(f => f.Timestamp, TimestampComparer.Instance).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();
            if (newestFirst.Count <= KeepPerPlan)
            {
                keep.AddRange(newestFirst);
                continue;
            }
            var boundary = newestFirst[KeepPerPlan - 1].Timestamp;
            keep.AddRange(newestFirst.Where(f => TimestampComparer.Instance.Compare(f.Timestamp, boundary) >= 0));
            // Oldest first: the order the files were written in, and the order a reader expects.
            delete.AddRange(newestFirst.Where(f => TimestampComparer.Instance.Compare(f.Timestamp, boundary) < 0).Reverse());
        }
        return new PersistenceSelection(keep, delete, ignored);
    }

    /// <summary>TENANT, PLAN, NAME when <paramref name="path"/> is exactly three plain segments below <paramref name="root"/>; otherwise null.</summary>
    internal static string[]? Segments(string root, string path)
    {
        var prefix = root.TrimEnd('/') + "/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var segments = path.Substring(prefix.Length).Split('/');
        if (segments.Length != 3 || segments.Any(s => s.Length == 0 || s == "." || s == "..")) return null;
        return segments;
    }

    /// <summary>Orders digit strings by value, of any length: leading zeros do not count, a longer number is larger.</summary>
    internal sealed class TimestampComparer : IComparer<string>
    {
        public static readonly TimestampComparer Instance = new TimestampComparer();

        public int Compare(string? x, string? y)
        {
            var a = Significant(x ?? "");
            var b = Significant(y ?? "");
            return a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
        }

        private static string Significant(string digits)
        {
            var trimmed = digits.TrimStart('0');
            return trimmed.Length == 0 ? "0" : trimmed;
        }
    }
}
