using System.Text.RegularExpressions;

namespace DasOps.NodeEmulator.Tests.Sp;

/// <summary>The bin/manager.sh and bin/worker.sh contract (carbon.sh semantics), the pid file, the log and the ports of ground truth §f.</summary>
public sealed class SpLauncherContractTests
{
    [Fact]
    public void Manager_PidWithoutNewline_StartupLine_PortsOfTheTable_StartTwice_Stop()
    {
        var home = new SpHome("mgr");
        home.ConfigureManager("mgr-1", "127.0.0.101");
        Assert.Contains("sp: manager worker", home.Install());
        using var manager = new SpRuntime(home, "manager", "127.0.0.101");

        manager.StartAndWait();

        var text = File.ReadAllText(manager.PidPath);
        Assert.Matches("^[0-9]+$", text); // kernel 5 writePID: digits only, no newline
        var pid = int.Parse(text);
        Assert.True(LabNode.IsAlive(pid));
        var argv = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
        Assert.Contains("-Dcarbon.home=" + home.Dir, argv);
        Assert.Contains("-Dwso2.runtime=manager", argv);
        Assert.Contains("-Dwso2.runtime.path=" + home.File("wso2/manager"), argv);

        var log = manager.Log();
        Assert.Matches(new Regex(@"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\]  INFO \{org\.wso2\.carbon\.kernel\.internal\.CarbonStartupHandler\} - WSO2 Stream Processor started in \d+\.\d{3} sec$", RegexOptions.Multiline), log);
        Assert.Contains("INFO {org.wso2.carbon.sp.jobmanager.core.internal.ServiceComponent} - Starting Manager node in distributed mode.", log);
        Assert.Contains("ERROR {org.wso2.carbon.sp.jobmanager.core.internal.ServiceComponent} - Clustering of manager node is disabled", log);
        Assert.Contains("ManagerNode { id: mgr-1, host: 127.0.0.101, port: 9543 } is the leader of the resource pool.", log);
        foreach (var port in new[] { 9190, 9543, 7612, 7712, 9613, 9713 })
            Assert.True(manager.Accepts(port), $"manager port {port} must listen");
        Assert.False(manager.Accepts(9443), "9443 is the worker's");
        Assert.False(manager.Accepts(9612), "the binary receiver is offset+1 (9611+1+1)");

        var second = manager.Launcher(TimeSpan.FromSeconds(10), "start");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Process is already running", second.Output);

        manager.Stop();
        Assert.Equal(text, File.ReadAllText(manager.PidPath)); // the stale pid file stays, as on a real node
        Assert.False(manager.Accepts(9543));
        Assert.False(manager.Accepts(9190));
    }

    [Fact]
    public void Worker_PortsOfTheTable_WaitsForALeaderThatDoesNotAnswer()
    {
        var home = new SpHome("wkr");
        home.ConfigureWorker("wkr-1", "127.0.0.102", "127.0.0.102", receiver: false, "127.0.0.103");
        home.Install();
        using var worker = new SpRuntime(home, "worker", "127.0.0.102");

        worker.StartAndWait();

        Assert.DoesNotContain("\n", File.ReadAllText(worker.PidPath));
        foreach (var port in new[] { 9090, 9443, 7611, 7711, 9612, 9712, 7070, 7443 })
            Assert.True(worker.Accepts(port), $"worker port {port} must listen");
        worker.WaitForLog("INFO {org.wso2.carbon.sp.distributed.resource.core.util.HeartbeatSender} - Waiting for the resource pool leader.", TimeSpan.FromSeconds(20));
        Assert.DoesNotContain("Successfully connected to leader node", worker.Log());
        worker.Stop();
        Assert.False(worker.Accepts(9443));
    }
}
