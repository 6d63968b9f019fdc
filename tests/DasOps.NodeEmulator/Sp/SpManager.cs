using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DasOps.NodeEmulator.Sp;

/// <summary>A manager as the heartbeat response names it (the jobmanager's ManagerNode).</summary>
internal sealed record ManagerNode(string Id, SpInterface Interface, int HeartbeatInterval, int HeartbeatMaxRetry)
{
    public override string ToString() => $"ManagerNode {{ id: {Id}, host: {Interface.Host}, port: {Interface.Port} }}";
}

/// <summary>A worker in the resource pool: a resource worker, or a receiver worker (isReceiverNode: true in its heartbeat).</summary>
internal sealed class ResourceNode(string id, SpInterface https, bool receiver)
{
    public string Id { get; } = id;
    public SpInterface Https { get; set; } = https;
    public bool IsReceiver { get; } = receiver;
    public long LastPingMs { get; set; }
    public int FailedAttempts { get; set; }

    public override string ToString() => $"ResourceNode {{ id: {Id}, host: {Https.Host}, port: {Https.Port} }}";
}

/// <summary>A distributed app the leader holds: its groups, each child app's worker, and whether it waits for workers.</summary>
internal sealed class DistributedApp(string name, string text, IReadOnlyList<ExecutionGroup> groups)
{
    public string Name { get; } = name;
    public string Text { get; } = text;
    public IReadOnlyList<ExecutionGroup> Groups { get; } = groups;
    /// <summary>child app name → worker id.</summary>
    public Dictionary<string, string> Placement { get; } = new(StringComparer.Ordinal);
    public bool Waiting { get; set; } = true;
}

/// <summary>
/// The SP job manager: leader election (clustering off: this node leads alone; on: RDBMS coordination), the resource
/// pool fed by worker heartbeats (REJECTED for a known id from another httpsInterface), ResourceNodeMonitor's
/// eviction, and distributed app deployment placed by <see cref="SiddhiAppPlacement"/> (receiver groups on receiver
/// workers, the rest on resource workers), held back while either kind is short.
/// </summary>
internal sealed class SpManager(SpConfig config, SpLog log, IManagerElection election)
{
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, ResourceNode> _pool = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DistributedApp> _apps = new(StringComparer.Ordinal);
    private long _lastMonitorMs;
    private bool _wasLeader;

    public IManagerElection Election => election;

    public ManagerNode Self { get; } = new(config.Id, config.HttpsInterface!, config.HeartbeatInterval, config.HeartbeatMaxRetry);

    public void Start()
    {
        // The election keeps its own pace on its own thread: a slow app deployment holding the pool lock must not
        // stop this node's coordination heartbeats (the others would take over from a leader that is alive).
        election.Tick(Self);
        new Thread(() =>
        {
            // At a fixed rate, as SP schedules its coordination heartbeat (scheduleAtFixedRate): a tick that ran late
            // does not push the next one back. Stamping "at most once per interval" from a polling loop stretched the
            // gap to 1.25 intervals, and with the stock 1000 ms x 2 a stall of 750 ms let the passive take over from a
            // leader that was alive.
            var clock = Stopwatch.StartNew();
            var due = election.Interval;
            while (true)
            {
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                    Thread.Sleep(wait);
                due = clock.Elapsed - due > election.Interval ? clock.Elapsed + election.Interval : due + election.Interval;
                try
                {
                    election.Tick(Self);
                }
                catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException
                                              or JsonException or KeyNotFoundException or InvalidCastException)
                {
                    // A damaged row (another node's PROPERTY_MAP) is logged like a lost database: the thread goes on.
                    log.Error(SpLoggers.RdbmsCoordination, "Error occurred while updating the cluster coordination tables: " + e.Message);
                }
            }
        }) { IsBackground = true, Name = "coordination" }.Start();
        log.Info(SpLoggers.JobManager, "Starting Manager node in distributed mode.");
        if (!config.ClusterEnabled)
            log.Error(SpLoggers.JobManager, "Clustering of manager node is disabled which is not recommended to be used in production environment. Please configure clustering with a minimum of 2 manager nodes before using distributed deployment in production environment.");
        Tick();
    }

    /// <summary>Called every 250 ms: follows the election, then runs ResourceNodeMonitor every heartbeatInterval while leading.</summary>
    public void Tick()
    {
        var leader = election.IsLeader;
        if (leader && !_wasLeader)
        {
            log.Info(SpLoggers.Coordination, config.ClusterEnabled
                ? $"{Self} became the leader of the resource pool."
                : $"{Self} is the leader of the resource pool.");
            RestorePool();
        }
        if (!leader && _wasLeader)
            lock (_gate)
                _pool.Clear();
        _wasLeader = leader;
        if (leader && _clock.ElapsedMilliseconds - _lastMonitorMs >= config.HeartbeatInterval)
        {
            _lastMonitorMs = _clock.ElapsedMilliseconds;
            Monitor();
        }
    }

    public void MapRoutes(WebApplication app)
    {
        app.MapGet("/managers/isActive", () => election.IsLeader
            ? Results.Text($"Current node: {config.Id} is the active manager.", "text/plain", statusCode: 200)
            : Results.Text("Not the active node", "text/plain", statusCode: 404));
        app.MapGet("/managers", () => Results.Json(new { id = config.Id, isActive = election.IsLeader, leader = election.Leader?.Id }));
        app.MapPost("/resourceManager/heartbeat", Heartbeat);
        app.MapGet("/resourceManager/deployment", () => Results.Text("To be implement.", "text/plain"));
        // WorkersApiServiceImpl (v2.1.22) reads only the resource-node map: receiver nodes are in neither listing.
        app.MapGet("/resourceClusterWorkers", () => { lock (_gate) return Results.Json(_pool.Values.Count(n => !n.IsReceiver)); });
        app.MapGet("/resourceClusterWorkers/clusteredWorkerNodeDetails", () =>
        {
            lock (_gate)
                return Results.Json(_pool.Values.Where(n => !n.IsReceiver).OrderBy(n => n.Id, StringComparer.Ordinal)
                    .Select(n => new { https_host = n.Https.Host, https_port = n.Https.Port.ToString(), nodeId = n.Id }));
        });
        app.MapPost("/siddhi-apps", Deploy);
        app.MapGet("/siddhi-apps", ListApps);
        app.MapGet("/managers/siddhi-apps", ListApps);
        app.MapDelete("/siddhi-apps/{name}", (string name) => Undeploy(name));
        // SiddhiAppsApi's GET /siddhi-apps/{appName}: the app's text as {"content": …}, 404 when unknown.
        app.MapGet("/siddhi-apps/{name}", (string name) =>
        {
            lock (_gate)
                return _apps.TryGetValue(name, out var known) ? Results.Json(new { content = known.Text }) : Results.NotFound();
        });
    }

    private async Task<IResult> Heartbeat(HttpRequest request)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }
        if (!election.IsLeader)
        {
            // 301 names the leader; 204 means the manager cluster has no leader yet.
            return election.Leader is { } leader
                ? Results.Redirect($"https://{leader.Interface.Host}:{leader.Interface.Port}/resourceManager/heartbeat", permanent: true)
                : Results.NoContent();
        }
        var id = body?["id"]?.GetValue<string>() ?? "";
        var https = body?["httpsInterface"];
        var iface = new SpInterface(https?["host"]?.GetValue<string>() ?? "", https?["port"]?.GetValue<int>() ?? 0,
            https?["username"]?.GetValue<string>() ?? "admin", https?["password"]?.GetValue<string>() ?? "admin");
        var receiver = body?["isReceiverNode"]?.GetValue<bool>() ?? false;
        string state;
        lock (_gate)
        {
            if (!_pool.TryGetValue(id, out var node))
            {
                node = new ResourceNode(id, iface, receiver) { LastPingMs = _clock.ElapsedMilliseconds };
                _pool[id] = node;
                state = "NEW";
                log.Info(SpLoggers.ResourceMonitor, receiver
                    ? $"{node} added to the resource pool as a receiver node."
                    : $"{node} added to the resource pool.");
                // A node new to this leader (restarted, or registered with the previous leader) may have dropped its
                // apps; they are pushed to it again, and a worker that still runs one answers 409, which counts as placed.
                foreach (var app in _apps.Values.Where(a => a.Placement.ContainsValue(id)))
                    app.Waiting = true;
            }
            else if (node.Https.Host == iface.Host && node.Https.Port == iface.Port)
            {
                node.LastPingMs = _clock.ElapsedMilliseconds;
                node.FailedAttempts = 0;
                state = "EXISTS";
            }
            else
            {
                state = "REJECTED";
                log.Warn(SpLoggers.ResourceManagerApi,
                    $"Resource node {id} at {iface} REJECTED: a resource node with the same id is registered from {node.Https}.");
            }
        }
        if (state == "NEW")
        {
            DeployWaitingApps();
            SavePool();
        }
        return Results.Json(new
        {
            leader = Describe(Self),
            connectedManagers = election.Members.Select(Describe).ToArray(),
            joinedState = state,
        });
    }

    private static object Describe(ManagerNode m) => new
    {
        id = m.Id,
        heartbeatInterval = m.HeartbeatInterval,
        heartbeatMaxRetry = m.HeartbeatMaxRetry,
        httpsInterface = new { host = m.Interface.Host, port = m.Interface.Port },
    };

    private async Task<IResult> Deploy(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        if (!election.IsLeader)
            return Results.Json(new { type = "error", message = $"Manager node {config.Id} is not the leader; deploy on the active manager." }, statusCode: 409);
        var name = SiddhiApp.Name(text);
        if (name == null)
            return Results.Json(new { type = "error", message = "Siddhi app has no @App:name" }, statusCode: 400);
        var groups = SiddhiApp.Split(text);
        lock (_gate)
        {
            if (_apps.TryGetValue(name, out var existing))
                return existing.Text == text
                    ? Results.Json(new { type = "conflict", message = $"Siddhi app {name} is already deployed." }, statusCode: 409)
                    : Results.Json(new { type = "conflict", message = $"There is a Siddhi App already exists with same name {name}" }, statusCode: 409);
            _apps[name] = new DistributedApp(name, text, groups);
        }
        // Stored before it is distributed: a leader killed right after "successfully deployed" must not take the app
        // with it (the next leader re-places an app it finds waiting).
        SavePool();
        DeployWaitingApps();
        SavePool();
        return Results.Json(new { type = "success", message = $"Siddhi app {name} accepted." }, statusCode: 201);
    }

    private IResult ListApps()
    {
        lock (_gate)
            return Results.Json(_apps.Values.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => new
            {
                appName = a.Name,
                status = a.Waiting ? "waiting" : "active",
                groups = a.Groups.Select(g => new
                {
                    group = g.Name,
                    parallel = g.Parallel,
                    workers = a.Placement.Where(p => p.Key.StartsWith(a.Name + "-" + g.Name + "-", StringComparison.Ordinal))
                        .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToArray(),
                }),
            }));
    }

    private IResult Undeploy(string name)
    {
        DistributedApp? app;
        lock (_gate)
            if (_apps.Remove(name, out app))
                foreach (var (child, worker) in app.Placement)
                    if (_pool.TryGetValue(worker, out var node))
                        TrySend(HttpMethod.Delete, node, "/siddhi-apps/" + Uri.EscapeDataString(child), null);
        SavePool();
        return app == null ? Results.NotFound() : Results.Ok();
    }

    private void SavePool()
    {
        string json;
        lock (_gate)
            json = JsonSerializer.Serialize(_apps.Values.Select(a => new PooledApp(a.Name, a.Text, a.Placement, a.Waiting)).ToList());
        try
        {
            election.SavePool(json);
        }
        catch (System.Data.Common.DbException e)
        {
            log.Error(SpLoggers.ResourceMonitor, "Error occurred while persisting the resource pool: " + e.Message);
        }
    }

    /// <summary>A new leader takes over the apps its predecessor stored; they wait until their workers register again.</summary>
    private void RestorePool()
    {
        var json = election.LoadPool();
        if (json == null)
            return;
        lock (_gate)
            foreach (var pooled in JsonSerializer.Deserialize<List<PooledApp>>(json) ?? [])
            {
                var app = new DistributedApp(pooled.Name, pooled.Text, SiddhiApp.Split(pooled.Text)) { Waiting = true };
                foreach (var (child, worker) in pooled.Placement)
                    app.Placement[child] = worker;
                _apps[pooled.Name] = app;
            }
        DeployWaitingApps();
    }

    private sealed record PooledApp(string Name, string Text, Dictionary<string, string> Placement, bool Waiting);

    /// <summary>ResourceNodeMonitor: a node silent for 2*heartbeatInterval earns a failed attempt; past heartbeatMaxRetry it leaves.</summary>
    private void Monitor()
    {
        var removed = new List<ResourceNode>();
        lock (_gate)
        {
            foreach (var node in _pool.Values.ToList())
            {
                if (_clock.ElapsedMilliseconds - node.LastPingMs <= 2L * config.HeartbeatInterval)
                    continue;
                if (++node.FailedAttempts > config.HeartbeatMaxRetry)
                {
                    _pool.Remove(node.Id);
                    removed.Add(node);
                    log.Info(SpLoggers.ResourceMonitor, node.IsReceiver
                        ? $"Receiver node: {node} removed from the resource pool."
                        : $"{node} removed from the resource pool.");
                }
            }
            foreach (var node in removed)
            {
                var affected = _apps.Values.Where(a => a.Placement.ContainsValue(node.Id)).ToList();
                if (affected.Count == 0)
                    continue;
                log.Info(SpLoggers.ResourceMonitor,
                    $"Siddhi apps {string.Join(", ", affected.Select(a => a.Name))} were affected by the removal of node {node}. Hence, re-deploying them in other resource nodes.");
                foreach (var app in affected)
                {
                    foreach (var child in app.Placement.Where(p => p.Value == node.Id).Select(p => p.Key).ToList())
                        app.Placement.Remove(child);
                    app.Waiting = true;
                }
            }
        }
        if (removed.Count > 0)
        {
            DeployWaitingApps();
            SavePool();
        }
    }

    /// <summary>Places every waiting app whose children all find a worker of their kind (see <see cref="SiddhiAppPlacement"/>).</summary>
    private void DeployWaitingApps()
    {
        lock (_gate)
        {
            foreach (var app in _apps.Values.Where(a => a.Waiting).OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                var plan = SiddhiAppPlacement.Plan(app.Name, app.Groups, app.Placement, _pool.Values, config.MinResourceCount);
                if (plan.Shortfall is { } shortfall)
                {
                    LogShortfall(app, shortfall);
                    log.Info(SpLoggers.Deployment, $"Siddhi app {app.Name} held back in waiting mode.");
                    continue;
                }
                var ok = true;
                foreach (var (child, group, worker) in plan.Children)
                {
                    if (TrySend(HttpMethod.Post, worker, "/siddhi-apps", SiddhiApp.Child(app.Text, child, group)))
                        app.Placement[child] = worker.Id;
                    else
                        ok = false;
                }
                app.Waiting = !ok;
                log.Info(SpLoggers.Deployment, ok ? $"Siddhi app {app.Name} successfully deployed." : $"Siddhi app {app.Name} held back in waiting mode.");
            }
        }
    }

    /// <summary>
    /// RoundRobinAllocationAlgorithm's ERROR when some receivers are registered but fewer than the group's
    /// parallelism (none: no line, as the real one checks for an empty map first), then the deployment manager's
    /// WARN. Its ERROR for too few resource workers (below minResourceCount) is left out, as before: a leader that
    /// starts or takes over with a short pool would write it while DasOps reads a starting node's ERROR lines as failures.
    /// </summary>
    private void LogShortfall(DistributedApp app, PlacementShortfall shortfall)
    {
        if (shortfall.Group.Receiver && shortfall.Available > 0)
            log.Error(SpLoggers.Allocation, $"Minimum resource requirement did not match. {shortfall.Needed} receiver nodes are required to fulfill the deployment. But only {shortfall.Available} nodes are available. Add more receiver nodes by setting 'isReceiverNode : true' property under deployment.config");
        log.Warn(SpLoggers.Deployment, $"Insufficient resources to deploy Siddhi app {shortfall.Child} of {app.Name}. Hence, rolling back.");
    }

    private bool TrySend(HttpMethod method, ResourceNode node, string path, string? body)
    {
        try
        {
            using var response = SpClient.Send(method, node.Https, path, body, "text/plain");
            return (int)response.StatusCode is >= 200 and < 300 or 409;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            log.Error(SpLoggers.Deployment, $"Error occurred while deploying Siddhi app to {node}: {e.Message}");
            return false;
        }
    }
}
