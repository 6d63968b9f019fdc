using System.Security.Cryptography;
using System.Text;

namespace DasOps.Engine.Planning;

public static class Hashing
{
    /// <summary>Lower-case hex sha256, the format sha256sum prints, so remote and local hashes compare directly.</summary>
    public static string Sha256(byte[] bytes)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(bytes);
        var sb = new StringBuilder(hash.Length * 2);
        foreach (var b in hash) sb.Append(b.ToString("x2"));
        return sb.ToString();
    }
}
