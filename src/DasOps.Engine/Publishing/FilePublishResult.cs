using System;
using DasOps.Engine.Planning;

namespace DasOps.Engine.Publishing;

/// <summary>One managed file of one node after plan, apply or restore: what differed and whether it was written.</summary>
public sealed class FilePublishResult
{
    internal FilePublishResult(string node, string path, FileChange change, string? currentHash, string? desiredHash, int mode, int? currentMode,
        bool needsWrite, bool written, string diff)
    {
        Node = node;
        Path = path;
        Change = change;
        CurrentHash = currentHash;
        DesiredHash = desiredHash;
        Mode = mode;
        CurrentMode = currentMode;
        NeedsWrite = needsWrite;
        Written = written;
        Diff = diff;
    }

    internal static FilePublishResult FromPlan(FilePlan plan, int? currentMode, int mode, bool needsWrite, bool written) =>
        new FilePublishResult(plan.Node, plan.Path, plan.Change, plan.ShownCurrentHash, plan.ShownDesiredHash, mode, currentMode, needsWrite, written, plan.Diff);

    public string Node { get; }

    /// <summary>Relative to the product home, '/' separated.</summary>
    public string Path { get; }

    public FileChange Change { get; }

    /// <summary>sha256 on the node before the run (null when absent); keyed (hmac:...) for a file that holds a password.</summary>
    public string? CurrentHash { get; }

    /// <summary>sha256 the file has (or would have) after the run, keyed for a password file; null when a restore removes it.</summary>
    public string? DesiredHash { get; }

    /// <summary>Permission bits the file gets (0600 for files holding passwords).</summary>
    public int Mode { get; }

    /// <summary>Permission bits on the node before the run (null when absent).</summary>
    public int? CurrentMode { get; }

    /// <summary>The file differs from the spec: its bytes, or a secret file's mode.</summary>
    public bool NeedsWrite { get; }

    public bool Written { get; }

    /// <summary>Unified diff with every secret masked; empty when the bytes are unchanged.</summary>
    public string Diff { get; }

    /// <summary>Only the mode differs (a secret file readable by others); the bytes are right.</summary>
    public bool ModeOnly => NeedsWrite && Change == FileChange.Unchanged;

    public static string Octal(int mode) => Convert.ToString(mode, 8).PadLeft(4, '0');

    public override string ToString() => $"{Node}:{Path} {(Written ? "written" : NeedsWrite ? "differs" : "unchanged")}";
}
