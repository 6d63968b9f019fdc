namespace DasOps.Engine.Planning;

/// <summary>A managed file as found on a node (or in a stock tree): its bytes, or just its hash for binaries.</summary>
public sealed class CurrentFile
{
    private CurrentFile(string path, byte[]? content, string? hash)
    {
        Path = path;
        Content = content;
        Hash = hash ?? (content == null ? null : Hashing.Sha256(content));
    }

    public string Path { get; }
    public byte[]? Content { get; }
    public string? Hash { get; }
    public bool Exists => Hash != null;

    public static CurrentFile Missing(string path) => new CurrentFile(path, null, null);
    public static CurrentFile WithContent(string path, byte[] content) => new CurrentFile(path, content, null);
    public static CurrentFile WithHash(string path, string hash) => new CurrentFile(path, null, hash);
}
