using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Remote;
using DasOps.Engine.Remote.OpenSsh;
using DasOps.Engine.Spec;
using DasOps.Engine.Tests.Support;
using Xunit;

namespace DasOps.Engine.Tests.Remote;

/// <summary>
/// ssh's refusals, as OpenSSH 9 prints them, through a stand-in ssh and ssh-keyscan; the real ssh-keygen computes
/// the fingerprint, so the message names the key the host actually offers.
/// </summary>
public sealed class HostKeyDiagnosisTests : IDisposable
{
    private const string PublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dasops-fakessh-" + Guid.NewGuid().ToString("N").Substring(0, 8));

    public HostKeyDiagnosisTests() => Directory.CreateDirectory(_dir);

    private string Script(string name, string body) => FreshScript.Write(Path.Combine(_dir, name), "#!/bin/sh\n" + body + "\n", "-G", "probe");

    private async Task<CommandResult> RunAgainst(string sshStderr)
    {
        File.WriteAllText(Path.Combine(_dir, "stderr.txt"), sshStderr);
        var ssh = Script("ssh", $@"for a in ""$@""; do [ ""$a"" = -G ] && {{ printf 'hostname 10.77.0.12\nport 22\nproxyjump none\n'; exit 0; }}; done
cat '{_dir}/stderr.txt' >&2; exit 255");
        var keyscan = Script("ssh-keyscan", $"echo '10.77.0.12 {PublicKey}'");
        using var factory = new OpenSshConnections(new ClusterSpec(), new SshConnectionOptions { SshExecutable = ssh, KeyscanExecutable = keyscan, KnownHostsFile = "/kh" });
        var shell = factory.ShellFor(new NodeSpec { Name = "node2", Host = "10.77.0.12", SshHost = "node2" });
        var result = await shell.RunAsync(RemoteCommand.Script("true"), CancellationToken.None);
        return result;
    }

    private static async Task<string> FingerprintOfTheKey()
    {
        var result = await ProcessRunner.RunAsync("ssh-keygen", new[] { "ssh-keygen", "-l", "-f", "-" }, 1, System.Text.Encoding.ASCII.GetBytes(PublicKey + "\n"),
            TimeSpan.FromSeconds(10), CancellationToken.None);
        return result.Output.Split(' ')[1];
    }

    [Fact]
    public async Task An_unknown_key_is_refused_naming_the_host_and_the_fingerprint_it_offers()
    {
        var result = await RunAgainst("No ED25519 host key is known for node2 and you have requested strict checking.\r\nHost key verification failed.\r\n");

        Assert.True(result.HostKeyRejected);
        Assert.True(result.Unreachable);
        Assert.Contains("host key of node2 (10.77.0.12 port 22) is not known", result.StandardError);
        Assert.Contains("ED25519 key " + await FingerprintOfTheKey(), result.StandardError);
        Assert.Contains("--accept-new-host-keys", result.StandardError);
    }

    [Fact]
    public async Task A_changed_key_is_refused_as_changed_with_the_fingerprint_ssh_printed()
    {
        var result = await RunAgainst(
            "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\r\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\r\n" +
            "The fingerprint for the ED25519 key sent by the remote host is\nSHA256:aQ3x3QvLZ0oUqk0e6QyS5XJ0X3yXyQp6m9r3W0dq1Yc.\n" +
            "Offending ED25519 key in /kh:3\nHost key for node2 has changed and you have requested strict checking.\r\nHost key verification failed.\r\n");

        Assert.True(result.HostKeyRejected);
        Assert.Contains("host key of node2 (10.77.0.12 port 22) has CHANGED", result.StandardError);
        Assert.Contains("ED25519 key SHA256:aQ3x3QvLZ0oUqk0e6QyS5XJ0X3yXyQp6m9r3W0dq1Yc", result.StandardError);
        Assert.Contains("never accepts a changed key", result.StandardError);
    }

    [Fact]
    public async Task Other_ssh_failures_are_unreachable_with_what_ssh_said()
    {
        var result = await RunAgainst("ssh: connect to host 10.77.0.12 port 22: Connection refused\r\n");

        Assert.True(result.Unreachable);
        Assert.False(result.HostKeyRejected);
        Assert.Equal("ssh to node2 failed: ssh: connect to host 10.77.0.12 port 22: Connection refused", result.StandardError);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
