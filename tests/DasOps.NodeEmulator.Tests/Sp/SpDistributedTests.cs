using System.Net;
using System.Text.Json;

namespace DasOps.NodeEmulator.Tests.Sp;

/// <summary>
/// One manager (clustering off, so it leads alone) and three workers on 127.0.0.111-114: heartbeats and the resource
/// pool, the REJECTED duplicate id, a distributed app held back below minResourceCount and then split across the
/// workers, a lost worker's groups redeployed, and workers dropping their apps when the leader is gone.
/// </summary>
public sealed class SpDistributedTests
{
    internal const string App = """
        @App:name('wso2-app')
        define stream TempStream (deviceID long, roomNo int, temp double);

        @info(name = 'query-1')
        @dist(execGroup='group-1')
        from TempStream#window.time(2 min)
        select avg(temp) as avgTemp, roomNo, deviceID
        insert all events into AvgTempStream;

        @info(name = 'query-2')
        @dist(execGroup='group-1')
        from every( e1=TempStream ) -> e2=TempStream[e1.roomNo==roomNo and (e1.temp + 5) <= temp ] within 10 min
        select e1.roomNo, e1.temp as initialTemp, e2.temp as finalTemp
        insert into AlertStream;

        @info(name = 'query-3')
        @dist(execGroup='group-2' ,parallel ='2')
        from TempStream [(roomNo >= 100 and roomNo < 110) and temp > 40 ]
        select roomNo, temp
        insert into HighTempStream;
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void Heartbeats_DuplicateIdRejected_AppHeldBackThenSplit_WorkerLossRedeploys_LeaderLossCleansUp()
    {
        var managerHome = new SpHome("dmgr");
        managerHome.ConfigureManager("mgr-1", "127.0.0.111", minResourceCount: 2);
        managerHome.Install();
        using var manager = new SpRuntime(managerHome, "manager", "127.0.0.111");
        using var worker1 = Worker("wkr-1", "127.0.0.112");
        using var worker2 = Worker("wkr-2", "127.0.0.113");
        using var impostor = Worker("wkr-1", "127.0.0.114"); // the stock habit: the same id on another node

        manager.StartAndWait();
        var active = manager.Call(HttpMethod.Get, "/managers/isActive");
        Assert.Equal(HttpStatusCode.OK, active.Status);
        Assert.Equal("Current node: mgr-1 is the active manager.", active.Body);
        Assert.Equal(HttpStatusCode.Unauthorized, manager.Call(HttpMethod.Get, "/managers/isActive", password: "wrong").Status);

        worker1.StartAndWait();
        worker1.WaitForLog("INFO {org.wso2.carbon.sp.distributed.resource.core.util.HeartbeatSender} - Successfully connected to leader node ManagerNode { id: mgr-1, host: 127.0.0.111, port: 9543 } as a new resource.", Patience);
        manager.WaitForLog("ResourceNode { id: wkr-1, host: 127.0.0.112, port: 9443 } added to the resource pool.", Patience);

        // One worker, minResourceCount 2: the app waits.
        var deploy = manager.Call(HttpMethod.Post, "/siddhi-apps", App, "text/plain");
        Assert.Equal(HttpStatusCode.Created, deploy.Status);
        manager.WaitForLog("Siddhi app wso2-app held back in waiting mode.", Patience);
        Assert.Equal("waiting", Apps(manager)[0].GetProperty("status").GetString());
        Assert.Equal("[]", worker1.Call(HttpMethod.Get, "/siddhi-apps").Body);

        worker2.StartAndWait();
        manager.WaitForLog("Siddhi app wso2-app successfully deployed.", Patience);
        var app = Apps(manager).Single();
        Assert.Equal("active", app.GetProperty("status").GetString());
        var groups = app.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);
        Assert.Equal(1, groups["group-1"].GetProperty("parallel").GetInt32());
        Assert.Equal(2, groups["group-2"].GetProperty("parallel").GetInt32());
        Assert.Equal(["wkr-1", "wkr-2"], groups["group-2"].GetProperty("workers").EnumerateArray().Select(w => w.GetString()!).Order().ToArray());
        var children = ChildApps(worker1).Concat(ChildApps(worker2)).Order().ToArray();
        Assert.Equal(["wso2-app-group-1-1", "wso2-app-group-2-1", "wso2-app-group-2-2"], children);

        // A second address with a known id is REJECTED and the pool keeps the first.
        impostor.StartAndWait();
        impostor.WaitForLog("was REJECTED by the leader node ManagerNode { id: mgr-1, host: 127.0.0.111, port: 9543 }", Patience);
        Assert.Contains("Resource node wkr-1 at 127.0.0.114:9443 REJECTED", manager.Log());
        Assert.DoesNotContain("Successfully connected to leader node", impostor.Log());
        var details = JsonDocument.Parse(manager.Call(HttpMethod.Get, "/resourceClusterWorkers/clusteredWorkerNodeDetails").Body).RootElement;
        Assert.Equal(["127.0.0.112 wkr-1", "127.0.0.113 wkr-2"],
            details.EnumerateArray().Select(d => $"{d.GetProperty("https_host").GetString()} {d.GetProperty("nodeId").GetString()}").ToArray());
        Assert.Equal("2", manager.Call(HttpMethod.Get, "/resourceClusterWorkers").Body);
        impostor.Stop();

        // A worker lost: removed after heartbeatMaxRetry missed checks, its groups redeployed (held back: 1 < 2 workers).
        var mark = manager.Mark();
        worker2.Kill();
        manager.WaitForLog("ResourceNode { id: wkr-2, host: 127.0.0.113, port: 9443 } removed from the resource pool.", Patience, mark);
        manager.WaitForLog("Siddhi apps wso2-app were affected by the removal of node ResourceNode { id: wkr-2, host: 127.0.0.113, port: 9443 }. Hence, re-deploying", Patience, mark);
        manager.WaitForLog("Siddhi app wso2-app held back in waiting mode.", Patience, mark);

        // The leader lost: after heartbeatInterval*heartbeatMaxRetry the worker drops its apps.
        manager.Kill();
        worker1.WaitForLog("WARN {org.wso2.carbon.sp.distributed.resource.core.util.HeartbeatSender} - Couldn't connect to the leader node for more than (500 * 2) milliseconds. Hence, cleaning up deployed Siddhi apps.", Patience);
        Assert.Equal("[]", worker1.Call(HttpMethod.Get, "/siddhi-apps").Body);
    }

    private static SpRuntime Worker(string id, string host)
    {
        var home = new SpHome(id);
        home.ConfigureWorker(id, host, host, receiver: false, "127.0.0.111");
        home.Install();
        return new SpRuntime(home, "worker", host);
    }

    private static JsonElement[] Apps(SpRuntime manager)
    {
        var (status, body, _) = manager.Call(HttpMethod.Get, "/siddhi-apps");
        Assert.Equal(HttpStatusCode.OK, status);
        return JsonDocument.Parse(body).RootElement.EnumerateArray().ToArray();
    }

    private static string[] ChildApps(SpRuntime worker) =>
        JsonDocument.Parse(worker.Call(HttpMethod.Get, "/siddhi-apps").Body).RootElement.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
