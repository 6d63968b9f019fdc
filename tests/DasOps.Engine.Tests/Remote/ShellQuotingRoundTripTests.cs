using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Remote;
using Xunit;

namespace DasOps.Engine.Tests.Remote;

/// <summary>What ssh hands the remote shell is ShellQuoting.Join of the argv; the shell must get back exactly those arguments.</summary>
public class ShellQuotingRoundTripTests
{
    [Fact]
    public async Task Every_argument_reaches_the_remote_script_unchanged()
    {
        var values = new[] { "", " ", "a b", "it's", "$HOME", "`id`", "$(id)", "; rm -rf /", "a\nb", "\"q\"", "*", "-n", "\\", "é ü ファイル", "x'\"'\"'y" };
        var command = RemoteCommand.Script("for a in \"$@\"; do printf '%s\\0' \"$a\"; done", values);

        // sh -c JOINED is exactly what sshd does with the command string it receives.
        var result = await ProcessRunner.RunAsync("sh", new[] { "sh", "-c", ShellQuoting.Join(command.Arguments) }, 1, null, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.True(result.Succeeded, result.StandardError);
        Assert.Equal(values, result.Output.Split('\0').Take(values.Length));
    }
}
