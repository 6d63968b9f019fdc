using System.Text;

namespace DasOps.NodeEmulator.Tests;

/// <summary>The wso2server.sh contract of one node: pid file, startup lines, offsets, start twice, stop.</summary>
public sealed class LauncherContractTests
{
    [Fact]
    public void StartWritesPidFileAndStartupLines_StartTwiceIsRefused_StopShutsDown()
    {
        using var node = new LabNode("single", "127.0.0.11");
        node.Home.SetLocalMemberHost(node.Host);
        node.Home.Install();

        node.Start("-DportOffset=2");
        node.WaitForLog("WSO2 Carbon started in", TimeSpan.FromSeconds(15));

        var bytes = File.ReadAllBytes(node.PidPath);
        Assert.Equal(100, bytes.Length);
        var text = Encoding.ASCII.GetString(bytes);
        var newline = text.IndexOf('\n');
        Assert.True(newline > 0, "pid digits must end with a newline");
        Assert.All(text[..newline], c => Assert.True(char.IsDigit(c)));
        Assert.All(text[(newline + 1)..], c => Assert.Equal('\0', c));
        var pid = int.Parse(text[..newline]);
        Assert.True(LabNode.IsAlive(pid));
        // The pid's command line names the home as the JVM's does (-Dcarbon.home=HOME is one argument): DasOps checks
        // it before it signals or counts a pid.
        var argv = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
        Assert.Contains("-Dcarbon.home=" + node.Home.Dir, argv);

        var log = node.Log();
        Assert.Contains("Mgt Console URL  : https://127.0.0.11:9445/carbon/ {org.wso2.carbon.ui.internal.CarbonUIServiceComponent}", log);
        Assert.Contains("Server           :  WSO2 Data Analytics Server-3.2.0 {org.wso2.carbon.core.internal.StartupFinalizerServiceComponent}", log);
        Assert.Matches(@"TID: \[-1234\] \[\] \[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\]  INFO \{org\.wso2\.carbon\.core\.internal\.StartupFinalizerServiceComponent\} -  WSO2 Carbon started in \d+ sec", log);
        Assert.True(node.Accepts(9445), "HTTPS 9443 + offset 2 must listen");
        Assert.True(node.Accepts(9765), "HTTP 9763 + offset 2 must listen");
        Assert.True(node.Accepts(7613), "Thrift 7611 + offset 2 must listen");
        Assert.False(node.Accepts(9443), "the offset must move the port");

        var second = node.Launcher(TimeSpan.FromSeconds(10), "start");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Process is already running", second.Output);

        var mark = node.Mark();
        node.Stop();
        var shutdown = node.LogSince(mark);
        var order = new[]
        {
            "Shutdown hook triggered....", "Gracefully shutting down WSO2 Data Analytics Server...",
            "Shutting down WSO2 Data Analytics Server...", "Shutting down OSGi framework...", "Shutdown complete", "Halting JVM",
        };
        var positions = order.Select(line => shutdown.IndexOf(line, StringComparison.Ordinal)).ToArray();
        Assert.All(positions, p => Assert.True(p >= 0, "missing shutdown line:\n" + shutdown));
        Assert.Equal(positions.OrderBy(p => p), positions);
        Assert.Equal(100, new FileInfo(node.PidPath).Length); // a stale pid file stays, as on a real node
        Assert.False(node.Accepts(9445));
    }

    [Fact]
    public void NodeFlagsSetTheProfile_VersionCatsTheVersionFiles()
    {
        using var node = new LabNode("receiver", "127.0.0.13");
        node.Home.SetLocalMemberHost(node.Host);
        node.Home.Install();

        var output = node.Start("-receiverNode");
        Assert.Contains("Starting Data Analytics Server node as a Receiver Node", output);
        node.WaitForLog("WSO2 Carbon started in", TimeSpan.FromSeconds(15));
        // A receiver disables the analytics engine, so no Spark executor starts.
        Assert.DoesNotContain("[Spark init]", node.Log());
        Assert.True(node.Accepts(7611));

        var version = node.Launcher(TimeSpan.FromSeconds(10), "version");
        Assert.Contains("WSO2 Data Analytics Server v3.2.0", version.Output);
    }
}
