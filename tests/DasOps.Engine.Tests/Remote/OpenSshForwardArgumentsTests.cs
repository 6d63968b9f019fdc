using System.Linq;
using DasOps.Engine.Remote;
using DasOps.Engine.Remote.OpenSsh;
using Xunit;

namespace DasOps.Engine.Tests.Remote;

/// <summary>The forward for db init is a request to the run's master (ssh -O forward/cancel), bound to loopback only.</summary>
public class OpenSshForwardArgumentsTests
{
    private static readonly SshTarget Node = new SshTarget("node1", "10.77.0.11", "root", 2222);

    [Fact]
    public void A_forward_asks_the_master_for_a_loopback_port_and_fails_rather_than_warns()
    {
        var args = OpenSshArguments.Forward(new SshConnectionOptions { ConfigFile = "/c" }, Node, "/tmp/d/%C", open: true, 40123, "10.77.0.10", 3306);
        Assert.Equal(new[] { "ssh", "-F", "/c", "-l", "root", "-p", "2222", "-o", "ControlPath=/tmp/d/%C", "-o", "ExitOnForwardFailure=yes",
            "-O", "forward", "-L", "127.0.0.1:40123:10.77.0.10:3306", "--", "10.77.0.11" }, args);
    }

    [Fact]
    public void Cancel_names_the_same_forward_and_an_ipv6_server_is_bracketed()
    {
        var args = OpenSshArguments.Forward(new SshConnectionOptions(), Node, "/tmp/d/%C", open: false, 40123, "fd00::10", 3306);
        Assert.Equal(new[] { "-O", "cancel", "-L", "127.0.0.1:40123:[fd00::10]:3306" }, args.Skip(args.IndexOf("-O")).Take(4));
    }
}
