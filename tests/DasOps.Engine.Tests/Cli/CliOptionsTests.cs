using DasOps.Engine.Tests.Support;
using Xunit;

namespace DasOps.Engine.Tests.Cli;

/// <summary>Each command offers only the options it reads: --node and --parallel are refused where they would be ignored.</summary>
public class CliOptionsTests
{
    [Theory]
    [InlineData("test-ha", false, false)]
    [InlineData("status", true, false)]
    [InlineData("start", true, false)]
    [InlineData("apply", true, true)]
    [InlineData("plan", true, true)]
    [InlineData("restore", true, true)]
    public void A_command_offers_node_and_parallel_only_when_it_reads_them(string command, bool nodes, bool parallel)
    {
        var help = DasopsProcess.Run(new[] { command, "--help" });
        Assert.Equal(0, help.ExitCode);
        Assert.Equal(nodes, help.Out.Contains("--node"));
        Assert.Equal(parallel, help.Out.Contains("--parallel"));
        Assert.Contains("--transport", help.Out);
    }

    [Fact]
    public void An_option_a_command_does_not_read_is_refused()
    {
        var r = DasopsProcess.Run(new[] { "test-ha", "spec.yaml", "--parallel", "3" });
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("--parallel", r.Out + r.Err);
    }
}
