using System.Net;
using System.Net.Sockets;

namespace DasOps.NodeEmulator.Tests;

/// <summary>
/// Configuration a real node chokes on: the emulator logs an ERROR naming the reason and the file, exits non-zero
/// (foreground run through the launcher) and leaves nothing listening.
/// </summary>
public sealed class RefusalTests
{
    [Fact]
    public void UnparseableXml_RefusesNamingFileAndLine()
    {
        using var node = NewNode("badxml", "127.0.0.41");
        node.Home.Write("repository/conf/axis2/axis2.xml", "<axisconfig name=\"AxisJava2.0\">\n  <clustering enable=\"false\">\n</axisconfig>\n");
        var log = Refused(node);
        Assert.Contains("axis2.xml", log);
        Assert.Matches(@"at line \d+", log);
        Assert.Contains("ERROR {org.wso2.carbon.core.init.CarbonServerManager}", log);
    }

    [Fact]
    public void MissingSymbolicLink_RefusesWithTheRealMessage()
    {
        using var node = NewNode("symlink", "127.0.0.42");
        node.Home.SetSparkProperty("carbon.das.symbolic.link", "/nonexistent/das/das_symlink/");
        var log = Refused(node);
        Assert.Contains("Unable to create the extra spark classpath with CarbonHome specified, does not exist : /nonexistent/das/das_symlink/", log);
    }

    [Fact]
    public void SymbolicLinkIsNotCheckedOnNodesWithoutSpark()
    {
        using var node = NewNode("symlink-rcv", "127.0.0.47");
        node.Home.SetSparkProperty("carbon.das.symbolic.link", "/nonexistent/das/das_symlink/");
        node.Start("-receiverNode");
        node.WaitForLog("WSO2 Carbon started in", TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void MySqlPortClosed_RefusesWithCommunicationsLinkFailure()
    {
        using var node = NewNode("mysql", "127.0.0.43");
        node.Home.SetDataSourceUrl("repository/conf/datasources/master-datasources.xml", "WSO2_CARBON_DB",
            $"jdbc:mysql://127.0.0.1:{ClosedPort()}/regdb?autoReconnect=true");
        var log = Refused(node);
        Assert.Contains("Communications link failure", log);
        Assert.Contains("WSO2_CARBON_DB", log);
    }

    [Fact]
    public void PortInUse_RefusesWithAddressAlreadyInUse()
    {
        using var node = NewNode("portinuse", "127.0.0.44");
        var squatter = new TcpListener(IPAddress.Parse(node.Host), 9443);
        squatter.Start();
        try
        {
            var log = Refused(node, checkPortsFree: false);
            Assert.Contains("Address already in use", log);
            Assert.Contains("9443", log);
            Assert.False(node.Accepts(9763), "the ports bound before the clash must be released");
        }
        finally
        {
            squatter.Stop();
        }
    }

    [Fact]
    public void UserStoreDataSourceNotDefined_Refuses()
    {
        using var node = NewNode("usermgt", "127.0.0.45");
        node.Home.EditXml("repository/conf/user-mgt.xml", doc =>
        {
            var property = doc.GetElementsByTagName("Property").OfType<System.Xml.XmlElement>().First(p => p.GetAttribute("name") == "dataSource");
            property.InnerText = "jdbc/WSO2UM_DB";
        });
        var log = Refused(node);
        Assert.Contains("jdbc/WSO2UM_DB", log);
        Assert.Contains("user-mgt.xml", log);
    }

    [Fact]
    public void HaWithoutClustering_Refuses()
    {
        using var node = NewNode("ha-noclust", "127.0.0.46");
        node.Home.EnableHa(node.Host, node.Host);
        var log = Refused(node);
        Assert.Contains("CEP HA mode is enabled", log);
        Assert.Contains("event-processor.xml", log);
    }

    [Fact]
    public void RedundantSparkMastersWithoutClustering_Refuses()
    {
        using var node = NewNode("count-noclust", "127.0.0.49");
        node.Home.SetSparkProperty("carbon.spark.master.count", "2");
        var log = Refused(node);
        Assert.Contains("carbon.spark.master.count is 2", log);
    }

    [Fact]
    public void InvalidHaHostName_LogsTheRealErrorAndStaysOutOfHa()
    {
        using var node = NewNode("ha-badhost", "127.0.0.48");
        node.Home.EnableClustering(node.Host, 4000, node.Host);
        node.Home.EnableHa("0.0.0.0", node.Host);
        node.Start("-DportOffset=60"); // eventSync still binds 0.0.0.0: keep it clear of the other tests' ports
        node.WaitForLog("WSO2 Carbon started in", TimeSpan.FromSeconds(15));
        Assert.Contains("Hostname : 0.0.0.0 defined for eventSync configuration is invalid. Please add proper IP address of the node. " +
                        "This IP address is used by other nodes in the cluster to communicate.", node.Log());
        Thread.Sleep(500);
        Assert.DoesNotContain("Became CEP HA", node.Log());
        Assert.Equal("none", node.State().GetProperty("cepState").GetString());
    }

    private static LabNode NewNode(string name, string host)
    {
        var node = new LabNode(name, host);
        node.Home.SetLocalMemberHost(host);
        node.Home.Install();
        return node;
    }

    /// <summary>Runs the node in the foreground; it must exit non-zero with an ERROR line and no listening ports.</summary>
    private static string Refused(LabNode node, bool checkPortsFree = true)
    {
        var (code, output) = node.Launcher(TimeSpan.FromSeconds(30));
        Assert.True(code != 0, "the node should have refused to start:\n" + output);
        var log = node.Log();
        Assert.Contains("] ERROR {", log);
        Assert.DoesNotContain("WSO2 Carbon started in", log);
        if (checkPortsFree)
            Assert.False(node.Accepts(9443), "a refused node must leave no listening ports");
        return log;
    }

    private static int ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
