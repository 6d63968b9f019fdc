using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;
using DasOps.Integration.Tests.Lab;
using Xunit;

namespace DasOps.Integration.Tests;

/// <summary>
/// A cancelled, timed-out or abandoned command ends on the node too, with everything it started. Killing the local
/// ssh alone would not do it: sshd closes the channel but leaves a command without a pty running (both `sleep`s
/// survived in the lab before OpenSshShell learned to kill the command's process group by its tag).
/// </summary>
[Collection(LabCollection.Name)]
public class CancellationTests
{
    private readonly LabFixture _lab;

    public CancellationTests(LabFixture lab) => _lab = lab;

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task Cancelling_a_command_ends_it_and_its_children_on_the_node(Transport transport)
    {
        _lab.Reset();
        using var cluster = new LabCluster(_lab, transport);
        using var connections = RemoteShells.Open(cluster.Spec, SshSettings.For(cluster.Spec));
        var shell = connections.ShellFor(cluster.Spec.FindNode("node1")!);
        var seconds = UniqueSeconds();
        using var cancel = new CancellationTokenSource();

        var run = shell.RunAsync(RemoteCommand.Script("sleep \"$1\" & sleep \"$1\"; echo never", new[] { seconds }), cancel.Token);
        WaitForSleeps(seconds, 2);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        WaitForSleeps(seconds, 0);
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_command_past_its_timeout_and_an_abandoned_streaming_command_leave_nothing_behind(Transport transport)
    {
        _lab.Reset();
        using var cluster = new LabCluster(_lab, transport);
        using var connections = RemoteShells.Open(cluster.Spec, SshSettings.For(cluster.Spec));
        var shell = connections.ShellFor(cluster.Spec.FindNode("node2")!);

        var seconds = UniqueSeconds();
        var timedOut = await shell.RunAsync(RemoteCommand.Script("sleep \"$1\" & sleep \"$1\"", new[] { seconds }, timeout: TimeSpan.FromSeconds(2)), CancellationToken.None);
        Assert.True(timedOut.TimedOut, $"exit {timedOut.ExitCode}: {timedOut.StandardError}");
        WaitForSleeps(seconds, 0);

        seconds = UniqueSeconds();
        var running = shell.Start(RemoteCommand.Script("echo READY; sleep \"$1\" & cat >/dev/null; wait", new[] { seconds }));
        Assert.Equal("READY", await running.ReadLineAsync(TimeSpan.FromSeconds(20), CancellationToken.None));
        WaitForSleeps(seconds, 1);
        running.Dispose();
        WaitForSleeps(seconds, 0);

        // and the connection still serves the next command
        var after = await shell.RunAsync(RemoteCommand.Script("hostname"), CancellationToken.None);
        Assert.True(after.Succeeded, after.StandardError);
        Assert.Equal("node2", after.Output.Trim());
    }

    private static string UniqueSeconds() => Random.Shared.Next(4000, 9000).ToString();

    /// <summary>Waits (up to 15 s) until exactly <paramref name="count"/> `sleep SECONDS` processes exist (the lab shares the pid namespace).</summary>
    private static void WaitForSleeps(string seconds, int count)
    {
        var clock = Stopwatch.StartNew();
        int found;
        while ((found = CountSleeps(seconds)) != count)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(15)) Assert.Fail($"{found} `sleep {seconds}` process(es) on the machine, expected {count}");
            Thread.Sleep(50);
        }
    }

    private static int CountSleeps(string seconds)
    {
        var psi = new ProcessStartInfo("pgrep", new[] { "-x", "-f", "sleep " + seconds }) { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }
}
