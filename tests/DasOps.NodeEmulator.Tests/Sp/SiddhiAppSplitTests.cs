using DasOps.NodeEmulator.Sp;

namespace DasOps.NodeEmulator.Tests.Sp;

/// <summary>
/// SiddhiApp.Split's receiver groups: a stream with a user-given @source gets a passthrough group (run by receiver
/// workers) only when its consumers must be spread, as checkUserGivenSourceDistribution decides.
/// </summary>
public sealed class SiddhiAppSplitTests
{
    private const string HttpSource = "@source(type='http', receiver.url='http://0.0.0.0:8280/temp', @map(type='json'))";

    private static string App(string source, params string[] queries) =>
        "@App:name('temp-app')\n" + source + "\ndefine stream TempStream (roomNo int, temp double);\n" +
        "define stream AlertStream (roomNo int, temp double);\n" + string.Join("\n", queries);

    private static string Query(string group, int parallel, string from = "TempStream") =>
        $"@info(name = 'q-{group}')\n@dist(execGroup='{group}', parallel='{parallel}')\nfrom {from}[temp > 40]\nselect roomNo, temp\ninsert into AlertStream;";

    [Fact]
    public void ParallelConsumerOfASource_GetsOneReceiverGroupInFront()
    {
        var groups = SiddhiApp.Split(App(HttpSource, Query("group-1", 2)));

        Assert.Equal(["passthrough-1", "group-1"], groups.Select(g => g.Name).ToArray());
        Assert.True(groups[0].Receiver);
        Assert.Equal(1, groups[0].Parallel);
        Assert.Equal("from passthroughTempStream select * insert into TempStream", Assert.Single(groups[0].Queries));
        Assert.False(groups[1].Receiver);
        Assert.Equal(2, groups[1].Parallel);
    }

    [Fact]
    public void TwoConsumingGroups_GetAReceiverGroup_OneSingleConsumerDoesNot()
    {
        var shared = SiddhiApp.Split(App(HttpSource, Query("group-1", 1), Query("group-2", 1)));
        Assert.Equal(["passthrough-1", "group-1", "group-2"], shared.Select(g => g.Name).ToArray());

        // One consumer with parallelism 1 keeps the source itself and runs on a resource worker.
        var single = SiddhiApp.Split(App(HttpSource, Query("group-1", 1)));
        Assert.Equal(["group-1"], single.Select(g => g.Name).ToArray());
        Assert.False(single[0].Receiver);
    }

    [Fact]
    public void NoSource_SinkOnly_OrSourceOnAnUnreadStream_GetsNoReceiverGroup()
    {
        Assert.DoesNotContain(SiddhiApp.Split(App("", Query("group-1", 2))), g => g.Receiver);
        Assert.DoesNotContain(SiddhiApp.Split(App("@sink(type='log')", Query("group-1", 2))), g => g.Receiver);
        // The @source is on TempStream; the query reads AlertStream only, and writing into TempStream is no read.
        var unread = App(HttpSource, "@dist(execGroup='group-1', parallel='2')\nfrom AlertStream select roomNo, temp insert into TempStream;");
        Assert.DoesNotContain(SiddhiApp.Split(unread), g => g.Receiver);
    }

    [Fact]
    public void SourceParallelism_IsTheSmallestNestedDist_AndEachSourceGetsItsOwnGroup()
    {
        var two = "@source(type='http', @map(type='json'), @dist(parallel='3'), @dist(parallel='2'))\n" +
                  "@source(type='tcp', context='temp', @map(type='binary'))";
        var groups = SiddhiApp.Split(App(two, Query("group-1", 2)));

        Assert.Equal(["passthrough-1", "passthrough-2", "group-1"], groups.Select(g => g.Name).ToArray());
        Assert.Equal([2, 1], groups.Where(g => g.Receiver).Select(g => g.Parallel).ToArray());
        Assert.Equal([1], SiddhiApp.SourceStreams(App("@source(type='http', @dist(transport='x'), @dist(parallel='4'))")).Single().Parallels);
    }

    [Fact]
    public void AParallelPatternQueryReadingTheSourceStream_CountsAsAConsumer()
    {
        var pattern = "@dist(execGroup='group-9', parallel='2')\nfrom every( e1=TempStream ) -> e2=TempStream[e1.roomNo==roomNo]\n" +
                      "select e1.roomNo, e2.temp insert into AlertStream;";
        var groups = SiddhiApp.Split(App(HttpSource, pattern));
        Assert.Equal(["passthrough-1", "group-9"], groups.Select(g => g.Name).ToArray());
        // The passthrough child carries its own query under its own name.
        var child = SiddhiApp.Child(App(HttpSource, pattern), "temp-app-passthrough-1-1", groups[0]);
        Assert.StartsWith("@App:name('temp-app-passthrough-1-1')\n", child);
        Assert.Contains("from passthroughTempStream select * insert into TempStream;", child);
    }
}
