namespace DasOps.Engine.Publishing;

/// <summary>One line of a backup's manifest: a file that was there (with its sha256 and mode) or a path that was absent.</summary>
internal sealed class BackupEntry
{
    public BackupEntry(string path, bool existed, string? hash, string? mode)
    {
        Path = path;
        Existed = existed;
        Hash = hash;
        Mode = mode;
    }

    public string Path { get; }
    public bool Existed { get; }
    public string? Hash { get; }
    public string? Mode { get; }
}
