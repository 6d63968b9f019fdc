using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Remote;
using Xunit;

namespace DasOps.Cluster.Tests;

/// <summary>
/// Issue 13, item 1, on real sshd (SSH user root): the product runs as the home's owner (the lab's wso2, or runAs),
/// never as root for a home root does not own; and a pid file naming an unrelated live process (a reused pid) is
/// never signalled nor counted as running.
/// </summary>
public sealed class ServerProcessTests : IDisposable
{
    private readonly Lab _lab = new Lab(2, dir => @"name: lab-run-as
product: IsAnalytics
pattern: MinimumHa
defaults: { home: /srv/das }
database: { host: 10.77.0.10, user: wso2analytics }
nodes:
  - { name: node1, host: 10.77.0.11 }
  - { name: node2, host: 10.77.0.12 }
");

    public void Dispose() => _lab.Dispose();

    private ClusterLifecycle Lifecycle() => new ClusterLifecycle(_lab.Spec, _lab.ShellFor) { StartTimeout = TimeSpan.FromSeconds(60), StopTimeout = TimeSpan.FromSeconds(20) };

    private async Task<string> OnNode(string script, params string[] args)
    {
        var result = await _lab.ShellFor(_lab.Spec.Nodes[0]).RunAsync(RemoteCommand.Script(script, args), CancellationToken.None);
        Assert.True(result.Succeeded, $"{script}: exit {result.ExitCode}: {result.StandardError}");
        return result.Output.Trim();
    }

    [Fact]
    public async Task The_product_runs_as_the_homes_owner_and_never_as_root()
    {
        var node = _lab.Spec.Nodes[0];
        var owner = await OnNode("stat -c %u:%U /srv/das");
        Assert.NotEqual("0:root", owner);

        var started = Assert.Single(await Lifecycle().StartAsync(new[] { node }, CancellationToken.None));
        Assert.Equal(NodeOutcome.Started, started.Outcome);
        // The pid file's process, and every process that carries this home, run as the owner.
        Assert.Equal(owner.Split(':')[0], await OnNode("stat -c %u /proc/$1", started.Pid!.Value.ToString()));
        var uids = await OnNode("for p in /proc/[0-9]*; do tr '\\000' '\\n' < $p/cmdline 2>/dev/null | grep -qx -- -Dcarbon.home=/srv/das && stat -c %u $p; done | sort -u");
        Assert.Equal(owner.Split(':')[0], uids);
        Assert.Equal(NodeOutcome.Stopped, Assert.Single(await Lifecycle().StopAsync(new[] { node }, CancellationToken.None)).Outcome);

        // runAs: root for a home root does not own is refused on the node, and nothing starts.
        node.RunAs = "root";
        var refused = Assert.Single(await Lifecycle().StartAsync(new[] { node }, CancellationToken.None));
        Assert.Equal(NodeOutcome.Failed, refused.Outcome);
        Assert.Contains("will not run it as root", refused.Detail);
        Assert.Equal("", await OnNode("for p in /proc/[0-9]*; do tr '\\000' '\\n' < $p/cmdline 2>/dev/null | grep -qx -- -Dcarbon.home=/srv/das && echo $p; done; true"));
    }

    [Fact]
    public async Task A_reused_pid_is_never_signalled_nor_counted_as_running()
    {
        var node = _lab.Spec.Nodes[0];
        // An unrelated long-lived process whose pid the stale pid file names, in the JVM's 100-byte format.
        var pid = await OnNode("setsid sleep 1000 </dev/null >/dev/null 2>&1 & echo $!");
        await OnNode("printf '%s\\n' \"$1\" > /srv/das/wso2carbon.pid && truncate -s 100 /srv/das/wso2carbon.pid", pid);
        try
        {
            var status = Assert.Single(await ClusterStatusReader.ReadAsync(_lab.Spec, new[] { node }, _lab.ShellFor, CancellationToken.None));
            Assert.Equal("stale pid file", status.Process);

            var stop = Assert.Single(await Lifecycle().StopAsync(new[] { node }, CancellationToken.None));
            Assert.Equal(NodeOutcome.AlreadyStopped, stop.Outcome);
            Assert.Equal("alive", await OnNode("kill -0 \"$1\" && echo alive", pid));

            // start is not refused by the reused pid ("Process is already running"), and the real server is counted.
            var started = Assert.Single(await Lifecycle().StartAsync(new[] { node }, CancellationToken.None));
            Assert.Equal(NodeOutcome.Started, started.Outcome);
            Assert.NotEqual(int.Parse(pid), started.Pid);
            Assert.Equal("running", Assert.Single(await ClusterStatusReader.ReadAsync(_lab.Spec, new[] { node }, _lab.ShellFor, CancellationToken.None)).Process);
            Assert.Equal(NodeOutcome.Stopped, Assert.Single(await Lifecycle().StopAsync(new[] { node }, CancellationToken.None)).Outcome);
            Assert.Equal("alive", await OnNode("kill -0 \"$1\" && echo alive", pid));
        }
        finally
        {
            await OnNode("kill \"$1\" 2>/dev/null; true", pid);
        }
    }
}
