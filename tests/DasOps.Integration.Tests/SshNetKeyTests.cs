using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;
using DasOps.Integration.Tests.Lab;
using Xunit;

namespace DasOps.Integration.Tests;

/// <summary>SSH.NET logs in with OpenSSH-format keys of every common kind, an encrypted one through its passphrase variable.</summary>
[Collection(LabCollection.Name)]
public class SshNetKeyTests
{
    private readonly LabFixture _lab;

    public SshNetKeyTests(LabFixture lab) => _lab = lab;

    [Theory]
    [InlineData("ed25519", null)]
    [InlineData("ecdsa", null)]
    [InlineData("rsa", null)] // OpenSSH 9 refuses ssh-rsa (SHA-1) signatures: logging in proves rsa-sha2
    [InlineData("ed25519", "pass phrase $;'\"")]
    public async Task A_key_logs_in_over_SshNet(string type, string? passphrase)
    {
        _lab.Reset();
        using var cluster = new LabCluster(_lab, Transport.SshNet);
        var key = Path.Combine(cluster.Directory, "id_" + type);
        Run("ssh-keygen", "-q", "-t", type, "-N", passphrase ?? "", "-C", "dasops-test", "-f", key);
        File.AppendAllText(Path.Combine(_lab.LabDir, "hosts", "node1", "root", ".ssh", "authorized_keys"), File.ReadAllText(key + ".pub"));
        var variable = "DASOPS_TEST_KEY_PASS_" + Guid.NewGuid().ToString("N").Substring(0, 8).ToUpperInvariant();
        var yaml = File.ReadAllText(cluster.SpecPath).Replace($"sshKey: {_lab.SshKey}", $"sshKey: {key}\n  sshKeyPassphraseEnv: {variable}");
        var specPath = Path.Combine(cluster.Directory, "keys.yaml");
        File.WriteAllText(specPath, yaml);
        var spec = SpecLoader.LoadFile(specPath);
        Assert.Empty(SpecValidator.Validate(spec));
        Environment.SetEnvironmentVariable(variable, passphrase);
        try
        {
            using var connections = RemoteShells.Open(spec, SshSettings.For(spec));
            var result = await connections.ShellFor(spec.FindNode("node1")!).RunAsync(RemoteCommand.Script("hostname"), CancellationToken.None);
            Assert.True(result.Succeeded, result.StandardError);
            Assert.Equal("node1", result.Output.Trim());

            // a node whose authorized_keys lacks the key refuses it: Unreachable, as ssh's "Permission denied"
            var refused = await connections.ShellFor(spec.FindNode("node2")!).RunAsync(RemoteCommand.Script("true"), CancellationToken.None);
            Assert.True(refused.Unreachable, refused.StandardError);
            Assert.Contains("Permission denied", refused.StandardError);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task An_encrypted_key_without_its_passphrase_is_reported_and_the_link_cut_times_out_at_the_connect_timeout()
    {
        _lab.Reset();
        using var cluster = new LabCluster(_lab, Transport.SshNet);
        var key = Path.Combine(cluster.Directory, "id_locked");
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "secret", "-f", key);
        var spec = SpecLoader.Load(File.ReadAllText(cluster.SpecPath).Replace($"sshKey: {_lab.SshKey}", $"sshKey: {key}"), cluster.SpecPath);
        using (var connections = RemoteShells.Open(spec, SshSettings.For(spec)))
        {
            var locked = await connections.ShellFor(spec.FindNode("node1")!).RunAsync(RemoteCommand.Script("true"), CancellationToken.None);
            Assert.True(locked.Unreachable, locked.StandardError);
            Assert.Contains("is encrypted", locked.StandardError);
        }

        _lab.Fail("node3", "cut");
        try
        {
            var options = SshSettings.For(cluster.Spec);
            options.ConnectTimeout = TimeSpan.FromSeconds(2);
            using var connections = RemoteShells.Open(cluster.Spec, options);
            var clock = Stopwatch.StartNew();
            var cut = await connections.ShellFor(cluster.Spec.FindNode("node3")!).RunAsync(RemoteCommand.Script("true"), CancellationToken.None);
            Assert.True(cut.Unreachable, cut.StandardError);
            Assert.Contains("timed out", cut.StandardError, StringComparison.OrdinalIgnoreCase);
            Assert.InRange(clock.Elapsed.TotalSeconds, 1.5, 9);
        }
        finally
        {
            _lab.Fail("node3", "heal");
        }
    }

    private static void Run(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{file} {string.Join(" ", args)}: {p.StandardError.ReadToEnd()}");
    }
}
