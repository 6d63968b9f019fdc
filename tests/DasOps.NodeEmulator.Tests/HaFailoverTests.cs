namespace DasOps.NodeEmulator.Tests;

/// <summary>
/// IS Analytics minimum HA (seed 003): two nodes, WKA clustering, CEP HA and two Spark masters. One node is the
/// CEP active member and the ALIVE Spark master, the other passive and STANDBY; killing the active one fails over,
/// and the restarted node comes back as passive/STANDBY.
/// </summary>
public sealed class HaFailoverTests
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Failover = TimeSpan.FromSeconds(5);

    [Fact]
    public void ActivePassive_FailoverOnStop_RestartedNodeRejoinsAsPassive()
    {
        using var a = NewHaNode("ha-a", "127.0.0.21");
        using var b = NewHaNode("ha-b", "127.0.0.22");
        a.Start();
        b.Start();
        a.WaitForLog("WSO2 Carbon started in", Boot);
        b.WaitForLog("WSO2 Carbon started in", Boot);
        foreach (var node in new[] { a, b })
        {
            node.WaitForLog("CEP started in Persistence enabled HA mode", Boot);
            node.WaitForLog($"CEP HA Snapshot Server started on {node.Host}:10005", Boot);
            node.WaitForLog("Using wka based membership management scheme", Boot);
        }

        LabNode.Wait(() => a.Members().Length == 2 && b.Members().Length == 2, Boot, "both nodes must see a two-member cluster");
        LabNode.Wait(() => CountRole(a, b, "Became CEP HA Active Member") == 1 && CountRole(a, b, "Became CEP HA Passive Member") == 1,
            Boot, "expected one active and one passive CEP member");
        var active = a.Log().Contains("Became CEP HA Active Member") ? a : b;
        var passive = active == a ? b : a;
        passive.WaitForLog("CEP HA State successfully synced.", Boot);
        Assert.Contains("Elected this member [", active.Log());

        LabNode.Wait(() => active.SparkStatus() == "ALIVE" && passive.SparkStatus() == "STANDBY", Boot,
            $"spark status: {active.Host}={active.SparkStatus()} {passive.Host}={passive.SparkStatus()}");
        var alive = active.SparkJson();
        Assert.Equal($"spark://{active.Host}:7077", alive.GetProperty("url").GetString());
        LabNode.Wait(() => active.SparkJson().GetProperty("workers").GetArrayLength() == 2, Boot, "the ALIVE master must list both workers");
        Assert.All(active.SparkJson().GetProperty("workers").EnumerateArray(), w => Assert.Equal("ALIVE", w.GetProperty("state").GetString()));
        Assert.Equal(0, passive.SparkJson().GetProperty("workers").GetArrayLength());

        var survivorMark = passive.Mark();
        active.Stop();
        passive.WaitForLog("Became CEP HA Active Member", Failover, survivorMark);
        LabNode.Wait(() => passive.SparkStatus() == "ALIVE", Failover, "the standby master must become ALIVE");
        var failoverLog = passive.LogSince(survivorMark);
        Assert.Contains("Member left [", failoverLog);
        Assert.Contains("[Spark leader election] This node is now the CARBON CLUSTERING LEADER", failoverLog);
        Assert.Contains("Suitable leader elected : ", failoverLog);

        var rejoinMark = active.Mark();
        active.Start();
        active.WaitForLog("WSO2 Carbon started in", Boot, rejoinMark);
        active.WaitForLog("Became CEP HA Passive Member", Boot, rejoinMark);
        active.WaitForLog("CEP HA State successfully synced.", Boot, rejoinMark);
        Assert.Contains("This is/ has been a member of the MasterMap", active.LogSince(rejoinMark));
        LabNode.Wait(() => active.SparkStatus() == "STANDBY" && passive.SparkStatus() == "ALIVE", Boot,
            $"after rejoin: {active.Host}={active.SparkStatus()} {passive.Host}={passive.SparkStatus()}");
        Assert.DoesNotContain("Became CEP HA Active Member", active.LogSince(rejoinMark));
        // Members already present when a node joins are not "joined" events (Hazelcast listener semantics); the survivor logs the newcomer.
        passive.WaitForLog("Member joined [", Boot, survivorMark);
    }

    private static LabNode NewHaNode(string name, string host)
    {
        var node = new LabNode(name, host);
        node.Home.EnableClustering(host, 4000, "127.0.0.21", "127.0.0.22");
        node.Home.EnableHa(host, host);
        node.Home.SetSparkProperty("carbon.spark.master.count", "2");
        node.Home.Install();
        return node;
    }

    private static int CountRole(LabNode a, LabNode b, string line) =>
        (a.Log().Contains(line) ? 1 : 0) + (b.Log().Contains(line) ? 1 : 0);
}
