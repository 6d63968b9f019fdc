namespace DasOps.NodeEmulator.Tests;

/// <summary>
/// Fully distributed DAS (seed 002): receivers form one Hazelcast cluster over a chain of WKA entries (membership is
/// transitive), analyzers listing only analyzers form their own; profiles decide who runs Spark.
/// </summary>
public sealed class MembershipTests
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(15);

    [Fact]
    public void WkaGraphDecidesTheCluster_ProfilesDecideSpark()
    {
        using var r1 = Node("r1", "127.0.0.31", "127.0.0.31");
        using var r2 = Node("r2", "127.0.0.32", "127.0.0.31");
        using var r3 = Node("r3", "127.0.0.33", "127.0.0.32"); // knows only r2, learns r1 through it
        using var analyzer = Node("an", "127.0.0.34", "127.0.0.34");
        var receivers = new[] { r1, r2, r3 };

        Assert.Contains("Starting Data Analytics Server node as a Receiver Node", r1.Start("-receiverNode"));
        r2.Start("-receiverNode");
        r3.Start("-receiverNode");
        Assert.Contains("Starting Data Analytics Server node as an Analyzer Node", analyzer.Start("-analyzerNode"));

        LabNode.Wait(() => receivers.All(r => r.Members().Length == 3), Converge,
            "receivers must all see three members: " + string.Join(" | ", receivers.Select(r => r.Members().Length)));
        LabNode.Wait(() => analyzer.Log().Contains("WSO2 Carbon started in"), Converge, "analyzer did not start");
        Assert.Single(analyzer.Members());
        Assert.Equal(1, receivers.Count(r => r.State().GetProperty("isCoordinator").GetBoolean()));
        Assert.All(receivers, r => Assert.Equal("none", r.State().GetProperty("sparkStatus").GetString()));
        Assert.All(receivers, r => Assert.True(r.Accepts(7611), $"thrift receiver on {r.Host}"));
        Assert.DoesNotContain("[Spark init]", r1.Log());

        // The analyzer runs Spark alone (master count 1): ALIVE, one worker, the CarbonAnalytics app.
        LabNode.Wait(() => analyzer.SparkStatus() == "ALIVE", Converge, "the analyzer must be an ALIVE Spark master");
        LabNode.Wait(() => analyzer.SparkJson().GetProperty("workers").GetArrayLength() == 1, Converge, "one worker expected");
        var json = analyzer.SparkJson();
        Assert.Equal("spark://127.0.0.34:7077", json.GetProperty("url").GetString());
        Assert.Equal("CarbonAnalytics", json.GetProperty("activeapps")[0].GetProperty("name").GetString());
        Assert.Contains("Elected this member [", analyzer.Log());

        // r2 crashes (no graceful leave): the others drop it after ~3 s without heartbeats, and r1 and r3,
        // which reach each other directly, stay one cluster of two.
        var mark = r1.Mark();
        r2.Kill();
        LabNode.Wait(() => r1.Members().Length == 2 && r3.Members().Length == 2, TimeSpan.FromSeconds(6), "r1 and r3 must keep each other");
        Assert.Contains("Member left [", r1.LogSince(mark));
        // Hazelcast's own member list follows every change, newest last; the analyzer's says it is alone.
        LabNode.Wait(() => r1.LogSince(mark).Contains("Members [2] {"), TimeSpan.FromSeconds(3), "r1 must log the new member list");
        Assert.Contains("\n\tMember [127.0.0.31]:4000 this\n", r1.LogSince(mark));
        Assert.Contains("Members [1] {\n\tMember [127.0.0.34]:4000 this\n}", analyzer.Log());
    }

    private static LabNode Node(string name, string host, params string[] wka)
    {
        var node = new LabNode(name, host);
        node.Home.EnableClustering(host, 4000, wka);
        node.Home.Install();
        return node;
    }
}
