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

    /// <summary>True when the key could not be kept (a read-only home): hashes are keyed for this process only.</summary>
    public static bool KeyIsEphemeral { get; private set; }

    private static byte[] LoadOrCreateKey()
    {
        var file = KeyFile;
        try
        {
            if (File.Exists(file) && File.ReadAllBytes(file) is { Length: >= 32 } existing) return existing;
            // Made in a 0700 directory and moved into place whole, without replacing: two first runs at once both
            // end up with the one key that won, never a torn or silently replaced one.
            var directory = Path.GetDirectoryName(Path.GetFullPath(file))!;
            var created = !Directory.Exists(directory);
            Directory.CreateDirectory(directory);
            if (created) IO.UnixPermissions.Set(directory, 0x1C0);   // 0700
            var temp = Path.Combine(directory, ".hash.key." + Guid.NewGuid().ToString("N"));
            var key = NewKey();
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write)) { }
                IO.UnixPermissions.Set(temp, 0x180);   // 0600 before a byte of the key is in it
                File.WriteAllBytes(temp, key);
                File.Move(temp, file);
            }
            catch (IOException) when (File.Exists(file))
            {
                // Another run made it first: use theirs.
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
            return File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            KeyIsEphemeral = true;
            return NewKey();
        }
    }

    private static byte[] NewKey()
    {
        var key = new byte[32];
        using (var random = RandomNumberGenerator.Create()) random.GetBytes(key);
        return key;
    }
}
