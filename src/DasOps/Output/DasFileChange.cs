using System;
using DasOps.Engine.Publishing;
using DasOps.Internal;

namespace DasOps;

/// <summary>
/// One file of one node that differs from the spec, as Compare-, Publish- and Restore-DasConfiguration return it:
/// what differs, whether it was written, where its previous content was kept, and a diff in which secrets are masked.
/// </summary>
public sealed class DasFileChange
{
    internal DasFileChange(FilePublishResult file, string? backupId, string? restoredFrom)
    {
        Node = file.Node;
        Path = file.Path;
        Change = EnumMap.ToModule<DasChangeKind>(file.Change);
        Differs = file.NeedsWrite;
        Written = file.Written;
        ModeOnly = file.ModeOnly;
        Mode = FilePublishResult.Octal(file.Mode);
        CurrentMode = file.CurrentMode is int current ? FilePublishResult.Octal(current) : null;
        CurrentHash = file.CurrentHash;
        DesiredHash = file.DesiredHash;
        BackupId = file.Written ? backupId : null;
        RestoredFrom = restoredFrom;
        Diff = file.Diff;
    }

    public string Node { get; }

    /// <summary>Relative to the product home, '/' separated.</summary>
    public string Path { get; }

    /// <summary>Modified, Created or Removed; Unchanged when only the file's permissions differ (see <see cref="ModeOnly"/>).</summary>
    public DasChangeKind Change { get; }

    /// <summary>The file on the node differs from what the spec (or, for a restore, the backup) gives.</summary>
    public bool Differs { get; }

    /// <summary>The file was written by this run; false for Compare-DasConfiguration, -WhatIf and a declined -Confirm.</summary>
    public bool Written { get; }

    /// <summary>Only the permissions differ (a file holding a password that others can read); the content is right.</summary>
    public bool ModeOnly { get; }

    /// <summary>The permission bits the file gets, in octal (0600 for files holding passwords).</summary>
    public string Mode { get; }

    /// <summary>The permission bits on the node before the run, in octal; null when the file did not exist or is not known.</summary>
    public string? CurrentMode { get; }

    /// <summary>sha256 of the file as found on the node (hmac:... for a file that holds a password); null when it does not exist or is not known.</summary>
    public string? CurrentHash { get; }

    /// <summary>sha256 of the content the file gets (hmac:... for a file that holds a password); null when a restore removes the file.</summary>
    public string? DesiredHash { get; }

    /// <summary>The backup on the node (HOME/.dasops/backups/ID) holding the content this run replaced; Restore-DasConfiguration -BackupId takes it.</summary>
    public string? BackupId { get; }

    /// <summary>For Restore-DasConfiguration: the backup the file was put back from.</summary>
    public string? RestoredFrom { get; }

    /// <summary>Unified diff, every secret replaced by a mask; empty when only the mode differs or for a restore.</summary>
    public string Diff { get; }

    public override string ToString() => $"{Node}:{Path} ({(ModeOnly ? "Mode" : Change.ToString())})";
}
