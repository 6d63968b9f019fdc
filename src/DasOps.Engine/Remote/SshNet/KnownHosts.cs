using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace DasOps.Engine.Remote.SshNet;

/// <summary>What known_hosts says about a key a host offers.</summary>
internal enum HostKeyVerdict
{
    Known,
    Unknown,
    Changed,
    Revoked,
}

/// <summary>
/// An OpenSSH known_hosts file, read with ssh's rules: host patterns with <c>*</c>, <c>?</c> and <c>!</c>, hashed
/// entries (<c>|1|salt|hash</c>, HMAC-SHA1 of the name), <c>[host]:port</c> for ports other than 22, <c>@revoked</c>
/// keys; <c>@cert-authority</c> lines are not used (DasOps does not verify host certificates).
/// </summary>
internal sealed class KnownHosts
{
    private static readonly object AppendLock = new object();

    private readonly List<Entry> _entries;

    private KnownHosts(string file, List<Entry> entries)
    {
        File = file;
        _entries = entries;
    }

    public string File { get; }

    public static KnownHosts Read(string file)
    {
        var entries = new List<Entry>();
        if (!System.IO.File.Exists(file)) return new KnownHosts(file, entries);
        var number = 0;
        foreach (var raw in System.IO.File.ReadAllLines(file))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var fields = Regex.Split(line, @"\s+");
            string? marker = null;
            if (fields[0].StartsWith("@", StringComparison.Ordinal))
            {
                marker = fields[0];
                fields = fields.Skip(1).ToArray();
            }
            if (fields.Length < 3 || marker == "@cert-authority") continue;
            byte[] blob;
            try { blob = Convert.FromBase64String(fields[2]); }
            catch (FormatException) { continue; }
            entries.Add(new Entry(number, fields[0], fields[1], blob, marker == "@revoked"));
        }
        return new KnownHosts(file, entries);
    }

    /// <summary>How ssh names a host in known_hosts: the name for port 22, <c>[name]:port</c> otherwise.</summary>
    public static string HostEntryName(string host, int port) => port == 22 ? host : $"[{host}]:{port}";

    /// <summary>The key types recorded for the host, so the handshake can ask for one of them first (as ssh does).</summary>
    public IReadOnlyList<string> KeyTypesFor(string host, int port) =>
        _entries.Where(e => !e.Revoked && e.Matches(HostEntryName(host, port))).Select(e => e.KeyType).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The verdict on <paramref name="blob"/> (the SSH wire form of the offered key), with the line of a mismatch.</summary>
    public (HostKeyVerdict Verdict, int Line) Check(string host, int port, byte[] blob)
    {
        var name = HostEntryName(host, port);
        var type = KeyType(blob);
        if (_entries.Any(e => e.Revoked && e.Blob.SequenceEqual(blob))) return (HostKeyVerdict.Revoked, _entries.First(e => e.Revoked && e.Blob.SequenceEqual(blob)).Line);
        var forHost = _entries.Where(e => !e.Revoked && e.Matches(name)).ToList();
        if (forHost.Any(e => e.Blob.SequenceEqual(blob))) return (HostKeyVerdict.Known, 0);
        var sameType = forHost.FirstOrDefault(e => e.KeyType == type);
        return sameType != null ? (HostKeyVerdict.Changed, sameType.Line) : (HostKeyVerdict.Unknown, 0);
    }

    /// <summary>Records a new key as ssh's accept-new does: one plain line, the file and its directory created if needed.</summary>
    public static void Append(string file, string host, int port, byte[] blob)
    {
        lock (AppendLock)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            var prefix = System.IO.File.Exists(file) && new FileInfo(file).Length > 0 && !EndsWithNewline(file) ? "\n" : "";
            System.IO.File.AppendAllText(file, $"{prefix}{HostEntryName(host, port)} {KeyType(blob)} {Convert.ToBase64String(blob)}\n");
        }
    }

    private static bool EndsWithNewline(string file)
    {
        using var stream = System.IO.File.OpenRead(file);
        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() == '\n';
    }

    /// <summary>The key type named inside an SSH public key blob (its first string), e.g. ssh-ed25519.</summary>
    public static string KeyType(byte[] blob)
    {
        if (blob.Length < 4) return "";
        var length = (blob[0] << 24) | (blob[1] << 16) | (blob[2] << 8) | blob[3];
        return length <= 0 || length > blob.Length - 4 ? "" : Encoding.ASCII.GetString(blob, 4, length);
    }

    /// <summary>The fingerprint as ssh shows it: SHA256:base64 without padding.</summary>
    public static string Fingerprint(byte[] blob)
    {
        using var sha = SHA256.Create();
        return "SHA256:" + Convert.ToBase64String(sha.ComputeHash(blob)).TrimEnd('=');
    }

    /// <summary>The key type as ssh prints it in its messages (ED25519, ECDSA, RSA).</summary>
    public static string DisplayType(string keyType) => keyType switch
    {
        "ssh-ed25519" => "ED25519",
        "ssh-rsa" => "RSA",
        "ssh-dss" => "DSA",
        _ when keyType.StartsWith("ecdsa-sha2-", StringComparison.Ordinal) => "ECDSA",
        _ when keyType.StartsWith("sk-ssh-ed25519", StringComparison.Ordinal) => "ED25519-SK",
        _ when keyType.StartsWith("sk-ecdsa", StringComparison.Ordinal) => "ECDSA-SK",
        _ => keyType.ToUpperInvariant(),
    };

    private sealed class Entry
    {
        private readonly string[] _patterns;

        public Entry(int line, string hosts, string keyType, byte[] blob, bool revoked)
        {
            Line = line;
            _patterns = hosts.Split(',');
            KeyType = keyType;
            Blob = blob;
            Revoked = revoked;
        }

        public int Line { get; }
        public string KeyType { get; }
        public byte[] Blob { get; }
        public bool Revoked { get; }

        public bool Matches(string name)
        {
            var matched = false;
            foreach (var pattern in _patterns)
            {
                if (pattern.StartsWith("|1|", StringComparison.Ordinal))
                {
                    if (HashedMatches(pattern, name)) matched = true;
                    continue;
                }
                var negated = pattern.StartsWith("!", StringComparison.Ordinal);
                var glob = negated ? pattern.Substring(1) : pattern;
                if (!Glob(glob, name)) continue;
                if (negated) return false;
                matched = true;
            }
            return matched;
        }

        private static bool HashedMatches(string pattern, string name)
        {
            var parts = pattern.Split('|');
            if (parts.Length != 4) return false;
            try
            {
                var salt = Convert.FromBase64String(parts[2]);
                var hash = Convert.FromBase64String(parts[3]);
                using var hmac = new HMACSHA1(salt);
                return hmac.ComputeHash(Encoding.UTF8.GetBytes(name)).SequenceEqual(hash);
            }
            catch (FormatException)
            {
                return false;
            }
        }

        // ssh matches host names case-insensitively, with * and ? wildcards.
        private static bool Glob(string pattern, string name) =>
            Regex.IsMatch(name, "^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
