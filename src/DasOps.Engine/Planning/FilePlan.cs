namespace DasOps.Engine.Planning;

public enum FileChange
{
    Unchanged,
    Modified,
    Created,
}

/// <summary>The plan for one file of one node: what changes, the hashes before and after, and a masked diff.</summary>
public sealed class FilePlan
{
    public FilePlan(string node, string path, FileChange change, string? currentHash, string desiredHash, string diff, int mode, byte[] desired)
    {
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

    public string DesiredHash { get; }

    /// <summary>Unified diff with every secret replaced by a mask; empty when unchanged.</summary>
    public string Diff { get; }

    /// <summary>Unix permission bits the file gets: 0600 when it holds a password, else 0644 (0755 for scripts).</summary>
    public int Mode { get; }

    internal byte[] Desired { get; }

    public bool HoldsSecrets => Mode == Modes.Secret;
}

internal static class Modes
{
    public const int Secret = 0x180;   // 0600
    public const int Plain = 0x1A4;    // 0644
    public const int Script = 0x1ED;   // 0755
}
