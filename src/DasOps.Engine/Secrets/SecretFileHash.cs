using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace DasOps.Engine.Secrets;

/// <summary>
/// The hash DasOps shows and stores for a file that holds a password: an HMAC-SHA256 of its sha256, keyed with a random
/// key of this machine's user. A plain sha256 of such a file, shown in a plan or kept in a saved plan, lets anyone who
/// knows the rest of the file guess the password offline; without the key they cannot. Plans saved on this machine
/// stay comparable, since the key is kept (~/.dasops/hash.key, 0600, or DASOPS_HASH_KEY_FILE).
/// </summary>
public static class SecretFileHash
{
    public const string Prefix = "hmac:";

    private static readonly Lazy<byte[]> Key = new Lazy<byte[]>(LoadOrCreateKey);

    /// <summary>The keyed form of a sha256 (hex); null stays null.</summary>
    public static string? Of(string? sha256)
    {
        if (sha256 == null) return null;
        using var hmac = new HMACSHA256(Key.Value);
        var mac = hmac.ComputeHash(Encoding.ASCII.GetBytes(sha256));
        var sb = new StringBuilder(Prefix, Prefix.Length + mac.Length * 2);
        foreach (var b in mac) sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    public static string KeyFile =>
        Environment.GetEnvironmentVariable("DASOPS_HASH_KEY_FILE") is { Length: > 0 } file
            ? file
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dasops", "hash.key");

    private static byte[] LoadOrCreateKey()
    {
        var file = KeyFile;
        try
        {
            if (File.Exists(file))
            {
                var existing = File.ReadAllBytes(file);
                if (existing.Length >= 32) return existing;
            }
            var key = new byte[32];
            using (var random = RandomNumberGenerator.Create()) random.GetBytes(key);
            IO.Atomic.WriteAllBytes(file, key, 0x180);
            return File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            // A read-only home (a sandboxed job): hashes are still keyed, just not comparable with another process's.
            var key = new byte[32];
            using (var random = RandomNumberGenerator.Create()) random.GetBytes(key);
            return key;
        }
    }
}
