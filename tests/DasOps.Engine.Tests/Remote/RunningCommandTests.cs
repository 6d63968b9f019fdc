using System;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Remote;
using Xunit;

namespace DasOps.Engine.Tests.Remote;

public class RunningCommandTests
{
    [Fact]
    public async Task A_running_command_answers_line_by_line_and_ends_when_its_input_closes()
    {
        using var shell = new LocalShell();
        using var running = shell.Start(RemoteCommand.Script("echo READY; cat >/dev/null; echo BYE"));

        Assert.Equal("READY", await running.ReadLineAsync(TimeSpan.FromSeconds(10), CancellationToken.None));
        var result = await running.FinishAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("BYE\n", result.Output);
    }

    [Fact]
    public async Task A_silent_command_is_killed_when_the_deadline_passes()
    {
        using var shell = new LocalShell();
        using var running = shell.Start(RemoteCommand.Script("sleep 30"));

        await Assert.ThrowsAsync<TimeoutException>(() => running.ReadLineAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None));
        var result = await running.FinishAsync(TimeSpan.FromSeconds(5));
        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public async Task Stdin_that_is_never_read_does_not_outlive_the_timeout()
    {
        var big = new byte[8 * 1024 * 1024];
        var started = DateTime.UtcNow;
        var result = await ProcessRunner.RunAsync("sh", new[] { "sh", "-c", "sleep 30" }, 1, big, TimeSpan.FromMilliseconds(500), CancellationToken.None);
        Assert.True(result.TimedOut);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }
}
