using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace DasOps.NodeEmulator.Tests.Sp;

/// <summary>
/// Two clustered managers (RDBMS coordination on a real MariaDB) on 127.0.0.121-122 and a worker on .123: the
/// coordination tables, one leader, 301 from the passive manager, 204 while no leader is known, and failover.
/// </summary>
public sealed class SpElectionTests(PrivateMariaDb db, ITestOutputHelper output) : IClassFixture<PrivateMariaDb>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    [MariaDbFact]
    public void OneLeaderThroughTheTables_PassiveAnswers301_WorkerFollows_FailoverToThePassive()
    {
        var group = "sp-" + Guid.NewGuid().ToString("N")[..8];
        using var mgr1 = Manager("mgr-1", "127.0.0.121", group);
        using var mgr2 = Manager("mgr-2", "127.0.0.122", group);

        mgr1.StartAndWait();
        mgr1.WaitForLog("INFO {org.wso2.carbon.sp.jobmanager.core.CoordinationListener} - ManagerNode { id: mgr-1, host: 127.0.0.121, port: 9543 } became the leader of the resource pool.", Patience);
        Assert.DoesNotContain("Clustering of manager node is disabled", mgr1.Log());
        var tables = db.Admin($"SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{PrivateMariaDb.Database}' ORDER BY TABLE_NAME");
        Assert.Equal(["CLUSTER_NODE_STATUS_TABLE", "LEADER_STATUS_TABLE", "MEMBERSHIP_EVENT_TABLE", "REMOVED_MEMBERS_TABLE", "RESOURCE_POOL_TABLE"],
            tables.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("mgr-1", db.Admin($"SELECT NODE_ID FROM {PrivateMariaDb.Database}.LEADER_STATUS_TABLE WHERE GROUP_ID = '{group}'").Trim());

        mgr2.StartAndWait();
        var passive = mgr2.Call(HttpMethod.Get, "/managers/isActive");
        Assert.Equal(HttpStatusCode.NotFound, passive.Status);
        Assert.Equal("Not the active node", passive.Body);
        LabNode.Wait(() => mgr2.Call(HttpMethod.Post, "/resourceManager/heartbeat", Beat("probe")).Status == HttpStatusCode.MovedPermanently,
            Patience, "the passive manager never answered 301");
        var redirect = mgr2.Call(HttpMethod.Post, "/resourceManager/heartbeat", Beat("probe"));
        Assert.Equal(new Uri("https://127.0.0.121:9543/resourceManager/heartbeat"), redirect.Location);

        // Listed passive-first, the worker follows the 301 to the leader.
        var workerHome = new SpHome("ewkr");
        workerHome.ConfigureWorker("wkr-1", "127.0.0.123", "127.0.0.123", receiver: false, "127.0.0.122", "127.0.0.121");
        workerHome.Install();
        using var worker = new SpRuntime(workerHome, "worker", "127.0.0.123");
        worker.StartAndWait();
        worker.WaitForLog("Successfully connected to leader node ManagerNode { id: mgr-1, host: 127.0.0.121, port: 9543 } as a new resource.", Patience);

        // Apps go to the leader; the passive refuses to distribute them.
        Assert.Equal(HttpStatusCode.Conflict, mgr2.Call(HttpMethod.Post, "/siddhi-apps", SpDistributedTests.App, "text/plain").Status);
        Assert.Equal(HttpStatusCode.Created, mgr1.Call(HttpMethod.Post, "/siddhi-apps", SpDistributedTests.App, "text/plain").Status);
        mgr1.WaitForLog("Siddhi app wso2-app successfully deployed.", Patience);
        Assert.Equal(3, ChildApps(worker).Length);

        // Failover: the passive takes over once the leader's stamp is older than heartbeatInterval*heartbeatMaxRetry.
        var mark = mgr2.Mark();
        var clock = Stopwatch.StartNew();
        mgr1.Kill();
        mgr2.WaitForLog("ManagerNode { id: mgr-2, host: 127.0.0.122, port: 9543 } became the leader of the resource pool.", Patience, mark);
        output.WriteLine($"takeover after SIGKILL of the leader: {clock.ElapsedMilliseconds} ms (cluster heartbeatInterval 1000, heartbeatMaxRetry 2)");
        Assert.Equal(HttpStatusCode.OK, mgr2.Call(HttpMethod.Get, "/managers/isActive").Status);
        worker.WaitForLog("Successfully connected to leader node ManagerNode { id: mgr-2, host: 127.0.0.122, port: 9543 }", Patience);
        output.WriteLine($"worker re-registered with the new leader: {clock.ElapsedMilliseconds} ms");
        // The new leader took the app over from RESOURCE_POOL_TABLE and the worker runs its groups again.
        LabNode.Wait(() => ChildApps(worker).Length == 3 && mgr2.Call(HttpMethod.Get, "/siddhi-apps").Body.Contains("\"status\":\"active\""),
            Patience, "the app was not redeployed under the new leader: " + mgr2.Call(HttpMethod.Get, "/siddhi-apps").Body);
        output.WriteLine($"app running again under the new leader: {clock.ElapsedMilliseconds} ms");

        // The old leader comes back passive.
        mgr1.StartAndWait();
        LabNode.Wait(() => mgr1.Call(HttpMethod.Get, "/managers/isActive").Status == HttpStatusCode.NotFound, Patience, "mgr-1 did not rejoin as passive");
        Assert.Equal(HttpStatusCode.OK, mgr2.Call(HttpMethod.Get, "/managers/isActive").Status);
    }

    [MariaDbFact]
    public void NoLeaderKnown_HeartbeatAnswers204_WorkerWaits()
    {
        var group = "sp-" + Guid.NewGuid().ToString("N")[..8];
        using var manager = Manager("mgr-9", "127.0.0.124", group);
        manager.StartAndWait();
        manager.WaitForLog("became the leader of the resource pool.", Patience);

        // A leader row held by a manager that is not alive in the group (a stamp from the future never goes stale).
        db.Admin($"UPDATE {PrivateMariaDb.Database}.LEADER_STATUS_TABLE SET NODE_ID = 'ghost', LAST_HEARTBEAT = 9999999999999 WHERE GROUP_ID = '{group}'");
        LabNode.Wait(() => manager.Call(HttpMethod.Post, "/resourceManager/heartbeat", Beat("wkr-x")).Status == HttpStatusCode.NoContent,
            Patience, "the manager never answered 204 without a known leader");
        Assert.Equal(HttpStatusCode.NotFound, manager.Call(HttpMethod.Get, "/managers/isActive").Status);

        var workerHome = new SpHome("nwkr");
        workerHome.ConfigureWorker("wkr-x", "127.0.0.125", "127.0.0.125", receiver: false, "127.0.0.124");
        workerHome.Install();
        using var worker = new SpRuntime(workerHome, "worker", "127.0.0.125");
        worker.StartAndWait();
        worker.WaitForLog("Waiting for the resource pool leader.", Patience);
        Assert.DoesNotContain("Successfully connected to leader node", worker.Log());
    }

    private SpRuntime Manager(string id, string host, string group)
    {
        var home = new SpHome(id);
        home.ConfigureManager(id, host);
        home.EnableClustering();
        home.Replace("manager", "^  groupId:  sp$", "  groupId:  " + group);
        home.Replace("manager", "^        jdbcUrl: 'jdbc:h2:.*SP_MGT_DB.*$", $"        jdbcUrl: '{db.JdbcUrl}'");
        home.Replace("manager", "^        username: wso2carbon$", "        username: " + PrivateMariaDb.User);
        home.Replace("manager", "^        password: wso2carbon$", "        password: " + db.Password);
        home.Install();
        return new SpRuntime(home, "manager", host);
    }

    private static string[] ChildApps(SpRuntime worker) =>
        System.Text.Json.JsonDocument.Parse(worker.Call(HttpMethod.Get, "/siddhi-apps").Body).RootElement.EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static string Beat(string id) =>
        System.Text.Json.JsonSerializer.Serialize(new { id, httpsInterface = new { host = "127.0.0.126", port = 9443, username = "admin", password = "admin" } });
}
