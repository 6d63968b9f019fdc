using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Publishing;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;
using DasOps.Integration.Tests.Lab;
using Xunit;

namespace DasOps.Integration.Tests;

/// <summary>
/// Password and keyboard-interactive logins over SSH.NET against the lab's real sshd (lab.sh auth), and dead-peer
/// detection on a cut link. The OpenSSH transport runs ssh in batch mode and takes no password: it refuses one.
/// </summary>
[Collection(LabCollection.Name)]
public class SshPasswordTests
{
    private readonly LabFixture _lab;

    public SshPasswordTests(LabFixture lab) => _lab = lab;

    [Fact]
    public async Task A_password_logs_in_after_the_refused_key_and_a_wrong_one_fails_the_node_as_auth_failed_changing_nothing()
    {
        _lab.Reset();
        _lab.Auth("node2", "password");
        using var cluster = new LabCluster(_lab, Transport.SshNet);
        var variable = "DASOPS_TEST_SSH_PW_" + Guid.NewGuid().ToString("N").Substring(0, 8).ToUpperInvariant();
        var spec = PasswordSpec(cluster, variable, "wso2das");
        var only2 = new PublishOptions { Nodes = new[] { "node2" } };

        Environment.SetEnvironmentVariable(variable, _lab.SshPassword);
        try
        {
            using (var connections = RemoteShells.Open(spec, SshSettings.For(spec)))
            {
                var results = await new ConfigurationPublisher(spec, LabCluster.Secrets, connections).ApplyAsync(only2, CancellationToken.None);
                Assert.True(results.Single().Status == PublishStatus.Changed, results.Single().Error);
            }
            // ssh's order: the key first (refused: not in authorized_keys), then the password
            var log = _lab.SshdLog("node2");
            Assert.Contains("Accepted password for root from 10.77.0.1 ", log);

            var before = cluster.Snapshot("node2");
            Environment.SetEnvironmentVariable(variable, "wrong-" + _lab.SshPassword);
            var other = PasswordSpec(cluster, variable, "user_b");
            using (var connections = RemoteShells.Open(other, SshSettings.For(other)))
            {
                var failed = (await new ConfigurationPublisher(other, LabCluster.Secrets, connections).ApplyAsync(only2, CancellationToken.None)).Single();
                Assert.Equal(PublishStatus.Failed, failed.Status);
                Assert.Equal(NodeFailure.AuthenticationFailed, failed.Failure);
                Assert.StartsWith("node node2: ssh to root@10.77.0.12 failed: Permission denied", failed.Error);
                Assert.Contains("the key(s) and the password were refused", failed.Error);
                Assert.DoesNotContain(_lab.SshPassword, failed.Error);
            }
            LabCluster.AssertSame(before, cluster.Snapshot("node2"), "node2");
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void The_cli_reads_the_password_from_stdin_and_names_the_node_when_it_is_wrong()
    {
        _lab.Reset();
        _lab.Auth("node2", "password");
        using var cluster = new LabCluster(_lab, Transport.SshNet);
        var specPath = Path.Combine(cluster.Directory, "password.yaml");
        File.WriteAllText(specPath, File.ReadAllText(cluster.SpecPath).Replace($"sshKey: {_lab.SshKey}", $"sshKey: {UnauthorizedKey(cluster)}"));
        var env = new Dictionary<string, string> { ["DASOPS_DB_PASSWORD"] = LabCluster.Password };

        var applied = DasopsCli.RunWithInput(env, _lab.SshPassword + "\n", "apply", specPath, "--node", "node2", "--ssh-password-stdin");
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Contains("Accepted password for root", _lab.SshdLog("node2"));

        var wrong = DasopsCli.RunWithInput(env, "not-the-password\n", "apply", specPath, "--node", "node2", "--ssh-password-stdin");
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("node2", wrong.StandardError + wrong.StandardOutput);
        Assert.Contains("Permission denied", wrong.StandardError + wrong.StandardOutput);
        Assert.DoesNotContain("not-the-password", wrong.StandardError + wrong.StandardOutput);

        var none = DasopsCli.RunWithInput(env, "", "apply", specPath, "--node", "node2", "--ssh-password-stdin");
        Assert.True(none.ExitCode == 2, none.ToString());
        Assert.Contains("stdin held no password", none.StandardError);

        // the OpenSSH transport runs ssh in batch mode: a password is refused before any node is touched
        var openSsh = DasopsCli.RunWithInput(env, _lab.SshPassword + "\n", "apply", specPath, "--node", "node2", "--ssh-password-stdin", "--transport", "openssh");
        Assert.True(openSsh.ExitCode == 2, openSsh.ToString());
        Assert.Contains("needs the SshNet transport", openSsh.StandardError);
    }

    [Fact]
    public async Task Keyboard_interactive_is_answered_with_the_password_and_the_credential_user_logs_in()
    {
        _lab.Reset();
        _lab.Auth("node3", "kbd");
        using var cluster = new LabCluster(_lab, Transport.SshNet);
        var spec = SpecLoader.Load(File.ReadAllText(cluster.SpecPath).Replace($"sshKey: {_lab.SshKey}", $"sshKey: {UnauthorizedKey(cluster)}")
            .Replace("defaults:", "defaults:\n  sshUser: nobody"), cluster.SpecPath);

        // the credential's user name overrides the spec's sshUser (nobody), as ssh -l does
        using (var connections = RemoteShells.Open(spec, SshSettings.For(spec, password: _lab.SshPassword, loginUser: "root")))
        {
            var result = await connections.ShellFor(spec.FindNode("node3")!).RunAsync(RemoteCommand.Script("hostname; id -un"), CancellationToken.None);
            Assert.True(result.Succeeded, result.StandardError);
            Assert.Equal("node3\nroot", result.Output.Trim());
        }
        Assert.Contains("Accepted keyboard-interactive/pam for root from 10.77.0.1 ", _lab.SshdLog("node3"));

        using (var connections = RemoteShells.Open(spec, SshSettings.For(spec, password: "wrong", loginUser: "root")))
        {
            var refused = await connections.ShellFor(spec.FindNode("node3")!).RunAsync(RemoteCommand.Script("true"), CancellationToken.None);
            Assert.True(refused.AuthenticationFailed, refused.StandardError);
            Assert.Contains("Permission denied", refused.StandardError);
        }
    }

    [Fact]
    public async Task A_cut_link_fails_a_running_command_as_unreachable_within_the_keepalive_bound()
    {
        _lab.Reset();
        using var cluster = new LabCluster(_lab, Transport.SshNet);
        var options = SshSettings.For(cluster.Spec);
        options.ServerAliveInterval = 1;
        options.ServerAliveCountMax = 3;
        using var connections = RemoteShells.Open(cluster.Spec, options);
        var shell = connections.ShellFor(cluster.Spec.FindNode("node6")!);
        var warm = await shell.RunAsync(RemoteCommand.Script("true"), CancellationToken.None);
        Assert.True(warm.Succeeded, warm.StandardError);

        var running = shell.RunAsync(RemoteCommand.Script("sleep 120"), CancellationToken.None);
        await Task.Delay(1500);
        var clock = Stopwatch.StartNew();
        _lab.Fail("node6", "cut");
        try
        {
            var finished = await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.True(finished == running, "the command over the cut link still hangs after 60 s");
            var result = await running;
            Assert.True(result.Unreachable, result.StandardError);
            Assert.Contains("not responding", result.StandardError);
            // interval 1 s × 3 missed probes, plus one interval and the lab's own `fail` call: well under 20 s
            Assert.InRange(clock.Elapsed.TotalSeconds, 1, 20);
        }
        finally
        {
            _lab.Fail("node6", "heal");
        }
    }

    private ClusterSpec PasswordSpec(LabCluster cluster, string variable, string dbUser)
    {
        var path = Path.Combine(cluster.Directory, $"password-{dbUser}.yaml");
        var yaml = File.ReadAllText(cluster.WriteSpec($"base-{dbUser}.yaml", dbUser))
            .Replace($"sshKey: {_lab.SshKey}", $"sshKey: {UnauthorizedKey(cluster)}\n  sshPasswordEnv: {variable}");
        File.WriteAllText(path, yaml);
        var spec = SpecLoader.LoadFile(path);
        Assert.Empty(SpecValidator.Validate(spec));
        return spec;
    }

    /// <summary>A key no node authorizes: the login must go on to the password.</summary>
    private static string UnauthorizedKey(LabCluster cluster)
    {
        var key = Path.Combine(cluster.Directory, "id_unauthorized");
        if (File.Exists(key)) return key;
        using var p = Process.Start(new ProcessStartInfo("ssh-keygen", new[] { "-q", "-t", "ed25519", "-N", "", "-f", key }) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return key;
    }
}
