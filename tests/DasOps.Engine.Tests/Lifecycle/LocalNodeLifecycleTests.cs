using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;
using Xunit;

namespace DasOps.Engine.Tests.Lifecycle;

/// <summary>
/// Start, probe and stop through the real scripts on this machine, against a home whose bin/wso2server.sh launches a
/// stand-in server (a shell carrying -Dcarbon.home=HOME, as the JVM does): proves that the launcher's script, pid file
/// and log reach the launch, probe and stale-pid scripts from the product, not from constants in them.
/// </summary>
public sealed class LocalNodeLifecycleTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("dasops-life").FullName;

    // Writes the boot and started lines, then a server that stays up; its pid goes to the pid file as DAS writes it.
    private const string FakeServer = @"home=$(cd ""$(dirname ""$0"")/.."" && pwd)
case ""$*"" in *start*) ;; *) exit 0 ;; esac
mkdir -p ""$home/repository/logs""
echo 'Starting WSO2 Carbon...' >> ""$home/repository/logs/wso2carbon.log""
sh -c 'echo ""WSO2 Carbon started in 1 sec"" >> ""${1#-Dcarbon.home=}/repository/logs/wso2carbon.log""; while :; do sleep 1; done' server ""-Dcarbon.home=$home"" >/dev/null 2>&1 </dev/null &
printf '%s\n' $! > ""$home/wso2carbon.pid""
";

    public LocalNodeLifecycleTests()
    {
        Directory.CreateDirectory(Path.Combine(_home, "bin"));
        File.WriteAllText(Path.Combine(_home, "bin", "wso2server.sh"), FakeServer.Replace("\r", ""));
    }

    public void Dispose() => Directory.Delete(_home, true);

    [Fact]
    public async Task A_launched_server_is_found_through_the_products_pid_file_and_log_and_stopped_cleanly()
    {
        // Port offset 37: nothing here listens on 9480, so the start cannot become ready and must say what it saw.
        var spec = SpecLoader.Load($"name: t\nproduct: Das\npattern: MinimumHa\ndefaults: {{ home: {_home} }}\ndatabase: {{ host: 10.77.0.10, user: u }}\n"
            + "nodes:\n  - { name: n1, host: 10.77.0.11, portOffset: 37 }\n  - { name: n2, host: 10.77.0.12 }\n", "t.yaml");
        var node = spec.FindNode("n1")!;
        var lifecycle = new NodeLifecycle(spec, node, new LocalShell("n1"), SilentReporter.Instance)
            { StartTimeout = TimeSpan.FromSeconds(8), PollInterval = TimeSpan.FromMilliseconds(200) };

        var start = await lifecycle.StartAsync(CancellationToken.None);
        Assert.Equal(NodeOutcome.Failed, start.Outcome);
        Assert.Contains("started line: yes, process: alive, https 9480: closed", start.Detail);

        var running = await lifecycle.ProbeAsync(0, CancellationToken.None);
        Assert.True(running.Alive);
        Assert.True(running.Started);
        Assert.Equal(start.Pid, running.Pid);

        var stop = await lifecycle.StopAsync(CancellationToken.None);
        Assert.Equal(NodeOutcome.Stopped, stop.Outcome);
        Assert.False(File.Exists(Path.Combine(_home, "wso2carbon.pid")), "the stopped server's pid file is removed");
        Assert.False((await lifecycle.ProbeAsync(0, CancellationToken.None)).Alive);
    }
}
