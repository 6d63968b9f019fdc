using System.Linq;
using DasOps.Engine.Remote;
using DasOps.Engine.Remote.OpenSsh;
using Xunit;

namespace DasOps.Engine.Tests.Remote;

public class OpenSshArgumentsTests
{
    private static readonly SshTarget Bastioned = new SshTarget("rcv1", "rcv1.internal", "deploy", 2222);

    [Fact]
    public void A_run_is_multiplexed_batch_mode_with_keepalives_and_the_remote_command_last()
    {
        var options = new SshConnectionOptions { ConfigFile = "/etc/dasops/ssh_config", KnownHostsFile = "/etc/dasops/known_hosts" };
        var args = OpenSshArguments.Run(options, Bastioned, "/tmp/dasops-x/%C", "sh -c 'echo hi'");

        Assert.Equal("ssh", args[0]);
        AssertPair(args, "-F", "/etc/dasops/ssh_config");
        AssertPair(args, "-l", "deploy");
        AssertPair(args, "-p", "2222");
        foreach (var option in new[] { "BatchMode=yes", "ConnectTimeout=10", "ServerAliveInterval=5", "ServerAliveCountMax=3", "ControlMaster=auto",
                     "ControlPath=/tmp/dasops-x/%C", "ControlPersist=60", "StrictHostKeyChecking=yes", "UserKnownHostsFile=/etc/dasops/known_hosts",
                     "GlobalKnownHostsFile=/dev/null" })
            AssertPair(args, "-o", option);
        Assert.Contains("-T", args);
        Assert.Equal(new[] { "--", "rcv1.internal", "sh -c 'echo hi'" }, args.Skip(args.Count - 3));
    }

    [Fact]
    public void The_users_ssh_config_decides_what_the_spec_leaves_open()
    {
        var args = OpenSshArguments.Run(new SshConnectionOptions(), new SshTarget("n1", "node1", null, null), "/tmp/d/%C", "true");

        Assert.DoesNotContain("-F", args);
        Assert.DoesNotContain("-l", args);
        Assert.DoesNotContain("-p", args);
        Assert.DoesNotContain(args, a => a.StartsWith("UserKnownHostsFile=", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Accepting_new_keys_is_an_explicit_choice()
    {
        var args = OpenSshArguments.Run(new SshConnectionOptions { AcceptNewHostKeys = true }, Bastioned, "/tmp/d/%C", "true");
        AssertPair(args, "-o", "StrictHostKeyChecking=accept-new");
    }

    [Fact]
    public void Closing_a_master_uses_the_same_control_path_user_and_port()
    {
        var args = OpenSshArguments.ExitMaster(new SshConnectionOptions { ConfigFile = "c" }, Bastioned, "/tmp/d/%C");
        Assert.Equal(new[] { "ssh", "-F", "c", "-l", "deploy", "-p", "2222", "-o", "ControlPath=/tmp/d/%C", "-O", "exit", "--", "rcv1.internal" }, args);
    }

    private static void AssertPair(System.Collections.Generic.List<string> args, string flag, string value) =>
        Assert.True(Enumerable.Range(0, args.Count - 1).Any(i => args[i] == flag && args[i + 1] == value), $"missing {flag} {value} in: {string.Join(" ", args)}");
}
