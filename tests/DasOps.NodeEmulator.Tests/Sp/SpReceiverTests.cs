using System.Net;
using System.Text.Json;

namespace DasOps.NodeEmulator.Tests.Sp;

/// <summary>
/// One manager (clustering off) on 127.0.0.131, a resource worker on .132 and receiver workers (isReceiverNode: true)
/// on .133-134: an app whose HTTP-sourced stream feeds a parallel group waits for a receiver, its passthrough group
/// runs on the receiver and the listing says so, and a lost receiver's group moves to the other one, then waits.
/// </summary>
public sealed class SpReceiverTests
{
    private const string App = """
        @App:name('temp-app')
        @source(type='http', receiver.url='http://0.0.0.0:8280/temp', @map(type='json'))
        define stream TempStream (roomNo int, temp double);
        define stream HighTempStream (roomNo int, temp double);

        @info(name = 'query-1')
        @dist(execGroup='group-1', parallel='2')
        from TempStream[temp > 40]
        select roomNo, temp
        insert into HighTempStream;
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void SourceAppWaitsForAReceiver_PassthroughOnTheReceiver_ReceiverLossMovesItThenWaits()
    {
        var managerHome = new SpHome("rmgr");
        managerHome.ConfigureManager("mgr-1", "127.0.0.131");
        managerHome.Install();
        using var manager = new SpRuntime(managerHome, "manager", "127.0.0.131");
        using var worker = Worker("wkr-1", "127.0.0.132", receiver: false);
        using var receiver1 = Worker("rcv-1", "127.0.0.133", receiver: true);
        using var receiver2 = Worker("rcv-2", "127.0.0.134", receiver: true);

        manager.StartAndWait();
        worker.StartAndWait();
        manager.WaitForLog("ResourceNode { id: wkr-1, host: 127.0.0.132, port: 9443 } added to the resource pool.", Patience);

        // minResourceCount 1 is met, but only a receiver may run the passthrough group: the app waits.
        Assert.Equal(HttpStatusCode.Created, manager.Call(HttpMethod.Post, "/siddhi-apps", App, "text/plain").Status);
        manager.WaitForLog("WARN {org.wso2.carbon.sp.jobmanager.core.deployment.DeploymentManagerImpl} - Insufficient resources to deploy Siddhi app temp-app-passthrough-1-1 of temp-app. Hence, rolling back.", Patience);
        manager.WaitForLog("Siddhi app temp-app held back in waiting mode.", Patience);
        Assert.Equal("waiting", Apps(manager)[0].GetProperty("status").GetString());
        Assert.Equal("[]", worker.Call(HttpMethod.Get, "/siddhi-apps").Body);

        var mark = manager.Mark();
        receiver1.StartAndWait();
        manager.WaitForLog("ResourceNode { id: rcv-1, host: 127.0.0.133, port: 9443 } added to the resource pool as a receiver node.", Patience, mark);
        manager.WaitForLog("Siddhi app temp-app successfully deployed.", Patience, mark);
        var groups = Groups(manager);
        Assert.Equal(["passthrough-1", "group-1"], groups.Keys.ToArray());
        Assert.Equal(["rcv-1"], groups["passthrough-1"]);
        Assert.Equal(["wkr-1", "wkr-1"], groups["group-1"]);
        Assert.Equal(["temp-app-passthrough-1-1"], ChildApps(receiver1));
        Assert.Equal(["temp-app-group-1-1", "temp-app-group-1-2"], ChildApps(worker));
        // The manager API lists resource nodes only: the receiver sits in its own map.
        var listed = System.Text.Json.JsonDocument.Parse(manager.Call(HttpMethod.Get, "/resourceClusterWorkers/clusteredWorkerNodeDetails").Body).RootElement;
        Assert.Equal(["wkr-1"], listed.EnumerateArray().Select(d => d.GetProperty("nodeId").GetString()!).ToArray());
        Assert.Equal("1", manager.Call(HttpMethod.Get, "/resourceClusterWorkers").Body);

        // A second receiver takes the passthrough when the first is lost; the resource worker keeps its children.
        receiver2.StartAndWait();
        manager.WaitForLog("ResourceNode { id: rcv-2, host: 127.0.0.134, port: 9443 } added to the resource pool as a receiver node.", Patience);
        Assert.Equal("[]", receiver2.Call(HttpMethod.Get, "/siddhi-apps").Body);
        mark = manager.Mark();
        receiver1.Kill();
        manager.WaitForLog("Receiver node: ResourceNode { id: rcv-1, host: 127.0.0.133, port: 9443 } removed from the resource pool.", Patience, mark);
        manager.WaitForLog("Siddhi app temp-app successfully deployed.", Patience, mark);
        groups = Groups(manager);
        Assert.Equal(["rcv-2"], groups["passthrough-1"]);
        Assert.Equal(["wkr-1", "wkr-1"], groups["group-1"]);
        Assert.Equal(["temp-app-passthrough-1-1"], ChildApps(receiver2));

        // The last receiver lost: the app waits again.
        mark = manager.Mark();
        receiver2.Kill();
        manager.WaitForLog("Receiver node: ResourceNode { id: rcv-2, host: 127.0.0.134, port: 9443 } removed from the resource pool.", Patience, mark);
        manager.WaitForLog("Siddhi app temp-app held back in waiting mode.", Patience, mark);
        Assert.Equal("waiting", Apps(manager)[0].GetProperty("status").GetString());
        Assert.Empty(Groups(manager)["passthrough-1"]);
    }

    private static SpRuntime Worker(string id, string host, bool receiver)
    {
        var home = new SpHome(id);
        home.ConfigureWorker(id, host, host, receiver, "127.0.0.131");
        home.Install();
        return new SpRuntime(home, "worker", host);
    }

    private static JsonElement[] Apps(SpRuntime manager)
    {
        var (status, body, _) = manager.Call(HttpMethod.Get, "/managers/siddhi-apps");
        Assert.Equal(HttpStatusCode.OK, status);
        return JsonDocument.Parse(body).RootElement.EnumerateArray().ToArray();
    }

    /// <summary>Group name → the workers its instances run on, in listing order.</summary>
    private static Dictionary<string, string[]> Groups(SpRuntime manager) =>
        Apps(manager).Single().GetProperty("groups").EnumerateArray().ToDictionary(
            g => g.GetProperty("group").GetString()!,
            g => g.GetProperty("workers").EnumerateArray().Select(w => w.GetString()!).ToArray());

    private static string[] ChildApps(SpRuntime worker) =>
        JsonDocument.Parse(worker.Call(HttpMethod.Get, "/siddhi-apps").Body).RootElement.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
