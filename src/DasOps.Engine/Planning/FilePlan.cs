using System;
using DasOps.Engine.Secrets;

namespace DasOps.Engine.Planning;

public enum FileChange
{
    Unchanged,
    Modified,
    Created,
    /// <summary>The file goes: a restore puts back a backup that lacked it, or DasOps made it and the spec no longer names it.</summary>
    Removed,
}

/// <summary>The plan for one file of one node: what changes, the hashes before and after, and a masked diff.</summary>
public sealed class FilePlan
{
    public FilePlan(string node, string path, FileChange change, string? currentHash, string desiredHash, string diff, int mode, byte[] desired)
        : this(node, path, change, currentHash, desiredHash, diff, mode, desired, null)
    {
    }

    internal FilePlan(string node, string path, FileChange change, string? currentHash, string? desiredHash, string diff, int mode, byte[] desired,
        Library.JarToConvert? convertFrom)
    {
        ConvertFrom = convertFrom;
        Node = node;
        Path = path;
        Change = change;
        CurrentHash = currentHash;
        DesiredHash = desiredHash;
        Diff = diff;
        Mode = mode;
        Desired = desired;
    }

    public string Node { get; }

    /// <summary>Relative to the product home, '/' separated.</summary>
    public string Path { get; }

    public FileChange Change { get; }

    /// <summary>sha256 of the file as found, or null when it does not exist.</summary>
    public string? CurrentHash { get; }

    /// <summary>sha256 the file gets; null when the plan removes it.</summary>
    public string? DesiredHash { get; }

    /// <summary>Unified diff with every secret replaced by a mask; empty when unchanged.</summary>
    public string Diff { get; }

    /// <summary>Unix permission bits the file gets: 0600 when it holds a password, else 0644 (0755 for scripts).</summary>
    public int Mode { get; }

    internal byte[] Desired { get; }

    /// <summary>The jar a bundle is made from on the node (bin/jartobundle.sh), or null for a file DasOps computes itself.</summary>
    internal Library.JarToConvert? ConvertFrom { get; }

    /// <summary>The jar's name when this file is an OSGi bundle the node makes from it; null otherwise.</summary>
    public string? ConvertedFrom => ConvertFrom?.FileName;

    /// <summary>The bundle is still to be made: its bytes come from the node's converter at apply.</summary>
    internal bool AwaitsConversion => ConvertFrom != null && Change != FileChange.Unchanged && Desired.Length == 0;

    /// <summary>A file the plan removes (its current hash is checked on the node before it goes, and it is backed up).</summary>
    internal static FilePlan Removal(string node, string path, string currentHash, string diff) =>
        new FilePlan(node, path, FileChange.Removed, currentHash, null, diff, Modes.Plain, Array.Empty<byte>(), null);

    public bool Removes => Change == FileChange.Removed;

    /// <summary>This plan with the bundle the node's converter made.</summary>
    internal FilePlan WithConverted(byte[] bundle) =>
        new FilePlan(Node, Path, Change, CurrentHash, Hashing.Sha256(bundle), Diff, Mode, bundle, ConvertFrom);

    public bool HoldsSecrets => Mode == Modes.Secret;

    /// <summary>The hash as shown and saved: keyed for a file holding a password (<see cref="SecretFileHash"/>), so it cannot be brute-forced.</summary>
    public string? ShownCurrentHash => HoldsSecrets ? SecretFileHash.Of(CurrentHash) : CurrentHash;

    public string? ShownDesiredHash => HoldsSecrets ? SecretFileHash.Of(DesiredHash) : DesiredHash;
}

internal static class Modes
{
    public const int Secret = 0x180;   // 0600
    public const int Plain = 0x1A4;    // 0644
    public const int Script = 0x1ED;   // 0755

    private const int Permissions = 0x1FF;   // 0777
    private const int OwnerRead = 0x100;
    private const int OwnerExecute = 0x40;

    /// <summary>
    /// The mode a file is written with: the planned one, but never looser than the file has now (a file someone made
    /// 0600 stays 0600). A script the plan makes executable keeps its owner's execute bit when its owner can read it.
    /// </summary>
    public static int NeverLooser(int planned, int? current)
    {
        if (!(current is int now)) return planned;
        var mode = planned & now & Permissions;
        if ((planned & OwnerExecute) != 0 && (now & OwnerRead) != 0) mode |= OwnerExecute;
        return mode;
    }

    /// <summary>The file grants more than the plan allows: a secret file must be rewritten to tighten it.</summary>
    public static bool Looser(int current, int planned) => (current & Permissions & ~planned) != 0;
}
