using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DasOps.NodeEmulator.Sp;

/// <summary>
/// A resource node: HeartbeatSender (first beat at once, then every leader heartbeatInterval; the known leader first,
/// then each resourceManagers entry; 301 followed, 204 = no leader yet; no answer → "Waiting for the resource pool
/// leader." and leaderRetryInterval) and the child apps the leader pushes to its /siddhi-apps, which it drops after
/// losing the leader for more than heartbeatInterval*heartbeatMaxRetry.
/// </summary>
internal sealed class SpWorker(SpConfig config, SpLog log)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _apps = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private SpInterface? _leaderAddress;
    private ManagerNode? _leader;
    private long _lastContactMs = -1;
    private long _nextBeatMs;

    public bool Distributed => config.DeploymentType == "distributed";

    public void MapRoutes(WebApplication app)
    {
        app.MapPost("/siddhi-apps", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync();
            if (SiddhiApp.Name(text) is not { } name)
                return Results.Json(new { type = "error", message = "Siddhi app has no @App:name" }, statusCode: 400);
            lock (_gate)
            {
                if (_apps.ContainsKey(name))
                    return Results.Json(new { type = "conflict", message = $"There is a Siddhi App already exists with same name {name}" }, statusCode: 409);
                _apps[name] = text;
            }
            log.Info(SpLoggers.SiddhiApps, $"Siddhi App {name} deployed successfully");
            return Results.Json(new { type = "success", message = "Siddhi App saved succesfully and will be deployed in next deployment cycle" }, statusCode: 201);
        });
        app.MapGet("/siddhi-apps", () => { lock (_gate) return Results.Json(_apps.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray()); });
        app.MapGet("/siddhi-apps/{name}/status", (string name) =>
        {
            lock (_gate)
                return _apps.ContainsKey(name) ? Results.Json(new { status = "active" }) : Results.NotFound();
        });
        app.MapDelete("/siddhi-apps/{name}", (string name) =>
        {
            lock (_gate)
                return _apps.Remove(name) ? Results.Ok() : Results.NotFound();
        });
    }

    /// <summary>Called every 250 ms: beat when due, and clean up after losing the leader for too long.</summary>
    public void Tick()
    {
        if (!Distributed)
            return;
        var now = _clock.ElapsedMilliseconds;
        if (_leader != null && _lastContactMs >= 0 && now - _lastContactMs > (long)_leader.HeartbeatInterval * _leader.HeartbeatMaxRetry)
        {
            lock (_gate)
                _apps.Clear();
            log.Warn(SpLoggers.HeartbeatSender,
                $"Couldn't connect to the leader node for more than ({_leader.HeartbeatInterval} * {_leader.HeartbeatMaxRetry}) milliseconds. Hence, cleaning up deployed Siddhi apps.");
            _leader = null;
            _lastContactMs = -1;
        }
        if (now < _nextBeatMs)
            return;
        _nextBeatMs = now + Beat();
    }

    /// <summary>One heartbeat round; returns the delay until the next one.</summary>
    private long Beat()
    {
        var body = JsonSerializer.Serialize(new
        {
            id = config.Id,
            httpsInterface = new
            {
                host = config.HttpsInterface!.Host,
                port = config.HttpsInterface.Port,
                username = config.HttpsInterface.Username,
                password = config.HttpsInterface.Password,
            },
            isReceiverNode = config.IsReceiverNode,
        });
        var targets = new List<SpInterface>();
        if (_leaderAddress != null)
            targets.Add(_leaderAddress);
        targets.AddRange(config.ResourceManagers);
        foreach (var target in targets)
        {
            var current = target;
            for (var hops = 0; hops < 3; hops++)
            {
                HttpResponseMessage response;
                try
                {
                    response = SpClient.Send(HttpMethod.Post, current, "/resourceManager/heartbeat", body);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    break;
                }
                using (response)
                {
                    if (response.StatusCode == HttpStatusCode.MovedPermanently && response.Headers.Location is { } location)
                    {
                        current = current with { Host = location.Host, Port = location.Port };
                        continue;
                    }
                    if (response.StatusCode == HttpStatusCode.NoContent)
                        break;
                    if (response.StatusCode != HttpStatusCode.OK)
                        break;
                    return Accepted(current, JsonNode.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()));
                }
            }
        }
        log.Info(SpLoggers.HeartbeatSender, "Waiting for the resource pool leader.");
        _leaderAddress = null;
        return config.LeaderRetryInterval;
    }

    private long Accepted(SpInterface address, JsonNode? response)
    {
        var leader = response?["leader"];
        var iface = leader?["httpsInterface"];
        var node = new ManagerNode(leader?["id"]?.GetValue<string>() ?? "",
            address with { Host = iface?["host"]?.GetValue<string>() ?? address.Host, Port = iface?["port"]?.GetValue<int>() ?? address.Port },
            leader?["heartbeatInterval"]?.GetValue<int>() ?? config.HeartbeatInterval,
            leader?["heartbeatMaxRetry"]?.GetValue<int>() ?? config.HeartbeatMaxRetry);
        var joined = response?["joinedState"]?.GetValue<string>() ?? "";
        if (joined == "REJECTED")
        {
            log.Error(SpLoggers.HeartbeatSender,
                $"Resource node {config.Id} was REJECTED by the leader node {node}: another resource node with the same id is registered from a different address.");
            _leaderAddress = address;
            return node.HeartbeatInterval;
        }
        // HeartbeatSender logs only a NEW join; an EXISTS answer (a leader that still had this node) is DEBUG, i.e. silent.
        if (joined == "NEW")
            log.Info(SpLoggers.HeartbeatSender, $"Successfully connected to leader node {node} as a new resource.");
        _leader = node;
        _leaderAddress = address;
        _lastContactMs = _clock.ElapsedMilliseconds;
        return node.HeartbeatInterval;
    }
}
