using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using DasOps.Engine.Remote.SshNet;
using Xunit;

namespace DasOps.Engine.Tests.Remote;

public class KnownHostsTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    private static byte[] Key(string type, byte seed)
    {
        var name = Encoding.ASCII.GetBytes(type);
        var blob = new byte[4 + name.Length + 36];
        blob[3] = (byte)name.Length;
        name.CopyTo(blob, 4);
        for (var i = 4 + name.Length; i < blob.Length; i++) blob[i] = seed;
        return blob;
    }

    private static string Hashed(string host, byte[] salt)
    {
        using var hmac = new HMACSHA1(salt);
        return $"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(host)))}";
    }

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void Plain_hashed_bracketed_and_negated_entries_are_read_as_ssh_reads_them()
    {
        var a = Key("ssh-ed25519", 1);
        var b = Key("ssh-ed25519", 2);
        var rsa = Key("ssh-rsa", 3);
        File.WriteAllLines(_file, new[]
        {
            "# comment",
            $"10.0.0.1,web1 ssh-ed25519 {Convert.ToBase64String(a)}",
            $"{Hashed("10.0.0.2", new byte[20])} ssh-ed25519 {Convert.ToBase64String(b)}",
            $"[10.0.0.3]:2222 ssh-ed25519 {Convert.ToBase64String(a)}",
            $"10.0.0.*,!10.0.0.9 ssh-rsa {Convert.ToBase64String(rsa)}",
            $"@revoked * ssh-ed25519 {Convert.ToBase64String(Key("ssh-ed25519", 9))}",
        });
        var known = KnownHosts.Read(_file);

        Assert.Equal(HostKeyVerdict.Known, known.Check("10.0.0.1", 22, a).Verdict);
        Assert.Equal(HostKeyVerdict.Known, known.Check("WEB1", 22, a).Verdict);
        Assert.Equal((HostKeyVerdict.Changed, 2), known.Check("10.0.0.1", 22, b));
        Assert.Equal(HostKeyVerdict.Known, known.Check("10.0.0.2", 22, b).Verdict);
        Assert.Equal((HostKeyVerdict.Changed, 3), known.Check("10.0.0.2", 22, a));
        Assert.Equal(HostKeyVerdict.Known, known.Check("10.0.0.3", 2222, a).Verdict);
        Assert.Equal(HostKeyVerdict.Unknown, known.Check("10.0.0.3", 22, a).Verdict);
        Assert.Equal(HostKeyVerdict.Known, known.Check("10.0.0.7", 22, rsa).Verdict);
        Assert.Equal(HostKeyVerdict.Unknown, known.Check("10.0.0.9", 22, rsa).Verdict);
        Assert.Equal(HostKeyVerdict.Unknown, known.Check("10.0.1.1", 22, a).Verdict);
        Assert.Equal(HostKeyVerdict.Revoked, known.Check("10.0.1.1", 22, Key("ssh-ed25519", 9)).Verdict);
        Assert.Equal(new[] { "ssh-ed25519", "ssh-rsa" }, known.KeyTypesFor("10.0.0.1", 22));
    }

    [Fact]
    public void Accept_new_appends_one_line_per_key_bracketing_other_ports()
    {
        File.WriteAllText(_file, "other ssh-ed25519 AAAA"); // no final newline
        var key = Key("ecdsa-sha2-nistp256", 5);
        KnownHosts.Append(_file, "10.0.0.5", 22, key);
        KnownHosts.Append(_file, "10.0.0.5", 2200, key);
        var lines = File.ReadAllLines(_file);
        Assert.Equal($"10.0.0.5 ecdsa-sha2-nistp256 {Convert.ToBase64String(key)}", lines[1]);
        Assert.StartsWith("[10.0.0.5]:2200 ecdsa-sha2-nistp256 ", lines[2]);
        Assert.Equal(HostKeyVerdict.Known, KnownHosts.Read(_file).Check("10.0.0.5", 2200, key).Verdict);
    }

    [Fact]
    public void Fingerprints_and_key_names_are_shown_as_ssh_shows_them()
    {
        var key = Key("ssh-ed25519", 7);
        using var sha = SHA256.Create();
        Assert.Equal("SHA256:" + Convert.ToBase64String(sha.ComputeHash(key)).TrimEnd('='), KnownHosts.Fingerprint(key));
        Assert.DoesNotContain("=", KnownHosts.Fingerprint(key));
        Assert.Equal("ED25519", KnownHosts.DisplayType("ssh-ed25519"));
        Assert.Equal("ECDSA", KnownHosts.DisplayType("ecdsa-sha2-nistp384"));
        Assert.Equal("RSA", KnownHosts.DisplayType("ssh-rsa"));
    }
}
