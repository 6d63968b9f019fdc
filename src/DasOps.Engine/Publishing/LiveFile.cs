namespace DasOps.Engine.Publishing;

internal enum LiveFileKind
{
    Regular,
    Missing,
    SymbolicLink,
    NotRegular,
}

/// <summary>A managed file as the read script found it on the node: hash, mode and owner, and its bytes when asked for.</summary>
internal sealed class LiveFile
{
    public LiveFile(string path, LiveFileKind kind, string? hash = null, int mode = 0, string? owner = null, byte[]? content = null)
    {
        Path = path;
        Kind = kind;
        Hash = hash;
        Mode = mode;
        Owner = owner;
        Content = content;
    }

    public string Path { get; }
    public LiveFileKind Kind { get; }
    public string? Hash { get; }

    /// <summary>Permission bits (e.g. 0x1A4 for 0644).</summary>
    public int Mode { get; }

    /// <summary>uid:gid, kept for the new version.</summary>
    public string? Owner { get; }

    public byte[]? Content { get; }
}
