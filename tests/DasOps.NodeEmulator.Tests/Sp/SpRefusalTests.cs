namespace DasOps.NodeEmulator.Tests.Sp;

/// <summary>Configuration an SP node cannot work with: the runtime logs the ERROR, exits 1 and leaves no port open.</summary>
public sealed class SpRefusalTests
{
    /// <summary>Runs the runtime in the foreground (no command, as carbon.sh does) and returns its exit code and log.</summary>
    private static (int ExitCode, string Log) RunForeground(SpHome home, string runtime, string host, int port)
    {
        home.Install();
        using var node = new SpRuntime(home, runtime, host);
        var (code, _) = node.Launcher(TimeSpan.FromSeconds(40));
        Assert.False(node.Accepts(port), "a refusing node must not listen");
        return (code, node.Log());
    }

    [Fact]
    public void StockManagerHttpsInterfaceLocalhost_IsRefused()
    {
        var home = new SpHome("stock");
        home.Identify("manager", "mgr-1", "127.0.0.104"); // httpsInterface left at the stock localhost
        var (code, log) = RunForeground(home, "manager", "127.0.0.104", 9543);
        Assert.Equal(1, code);
        Assert.Contains("ERROR {org.wso2.carbon.sp.jobmanager.core.internal.ServiceComponent} - Manager node mgr-1 is unreachable at its httpsInterface localhost:9543", log);
        Assert.Contains(home.Yaml("manager"), log);
        Assert.DoesNotContain("WSO2 Stream Processor started in", log);
    }

    [Fact]
    public void ManagerHttpsInterfaceNotOnThisHost_IsRefused()
    {
        var home = new SpHome("far");
        home.ConfigureManager("mgr-1", "127.0.0.105");
        home.Replace("manager", "^    host: 127\\.0\\.0\\.105$", "    host: 192.0.2.10");
        var (code, log) = RunForeground(home, "manager", "127.0.0.105", 9543);
        Assert.Equal(1, code);
        Assert.Contains("Manager node mgr-1 is unreachable at its httpsInterface 192.0.2.10:9543", log);
        Assert.Contains("192.0.2.10 is not an address of this host", log);
    }

    [Fact]
    public void WorkerWithTheStockSampleAddress_IsRefused()
    {
        var home = new SpHome("sample");
        home.ConfigureWorker("wkr-1", "127.0.0.106", "192.168.1.3", receiver: false, "192.168.1.1", "192.168.1.2");
        var (code, log) = RunForeground(home, "worker", "127.0.0.106", 9443);
        Assert.Equal(1, code);
        Assert.Contains("Resource node wkr-1 is unreachable at its httpsInterface 192.168.1.3:9443", log);
    }

    [Fact]
    public void ClusteringOnTheStockH2Datasource_IsRefused()
    {
        var home = new SpHome("h2");
        home.ConfigureManager("mgr-1", "127.0.0.107");
        home.EnableClustering();
        var (code, log) = RunForeground(home, "manager", "127.0.0.107", 9543);
        Assert.Equal(1, code);
        Assert.Contains("ERROR {org.wso2.carbon.cluster.coordinator.rdbms.RDBMSCoordinationStrategy} - Datasource 'SP_MGT_DB'", log);
        Assert.Contains("jdbc:h2:", log);
    }

    [Fact]
    public void ClusteringOnAnUnreachableDatabase_IsRefused()
    {
        var home = new SpHome("nodb");
        home.ConfigureManager("mgr-1", "127.0.0.108");
        home.EnableClustering();
        home.Replace("manager", "^        jdbcUrl: 'jdbc:h2:.*SP_MGT_DB.*$", "        jdbcUrl: 'jdbc:mysql://127.0.0.108:1/spcluster?useSSL=false'");
        var (code, log) = RunForeground(home, "manager", "127.0.0.108", 9543);
        Assert.Equal(1, code);
        Assert.Contains("Error in creating data source 'SP_MGT_DB' (jdbc:mysql://127.0.0.108:1/spcluster?useSSL=false): Communications link failure", log);
    }

    [Fact]
    public void UnparseableYaml_IsRefusedWithTheLine()
    {
        var home = new SpHome("yaml");
        home.ConfigureManager("mgr-1", "127.0.0.109");
        home.Replace("manager", "^  minResourceCount: 1$", "  minResourceCount: [1");
        var (code, log) = RunForeground(home, "manager", "127.0.0.109", 9543);
        Assert.Equal(1, code);
        Assert.Matches(@"Error while parsing .*conf/manager/deployment\.yaml at line \d+", log);
    }
}
