using System.Globalization;
using System.Text.Json.Nodes;

namespace DasOps.NodeEmulator;

/// <summary>
/// The Spark 1.6 master web UI "/json" document (JsonProtocol.writeMasterState / writeWorkerInfo /
/// writeApplicationInfo). The ALIVE master lists every started worker of its Carbon Spark cluster and the
/// CarbonAnalytics client app; a STANDBY master has no workers or apps. There is no "aliveworkers" field in 1.6.
/// </summary>
internal static class SparkMasterJson
{
    public static string Build(string url, string status, IReadOnlyList<MemberInfo> view)
    {
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var client = view.FirstOrDefault(m => m.ClientRunning);
        var workers = new JsonArray();
        int cores = 0, coresUsed = 0, memory = 0, memoryUsed = 0;
        foreach (var m in view.Where(m => m.SparkNode && m.WorkerStarted))
        {
            var used = client != null;
            var wCoresUsed = used ? m.WorkerCores : 0;
            var wMemUsed = used ? Math.Min(client!.ExecutorMemoryMb, m.WorkerMemoryMb) : 0;
            cores += m.WorkerCores;
            coresUsed += wCoresUsed;
            memory += m.WorkerMemoryMb;
            memoryUsed += wMemUsed;
            workers.Add(new JsonObject
            {
                ["id"] = $"worker-{Stamp(new DateTime(m.StartedAt, DateTimeKind.Utc))}-{m.SparkHost}-{m.WorkerPort}",
                ["host"] = m.SparkHost,
                ["port"] = m.WorkerPort,
                ["webuiaddress"] = $"http://{m.SparkHost}:{m.WorkerWebUiPort}",
                ["cores"] = m.WorkerCores,
                ["coresused"] = wCoresUsed,
                ["coresfree"] = m.WorkerCores - wCoresUsed,
                ["memory"] = m.WorkerMemoryMb,
                ["memoryused"] = wMemUsed,
                ["memoryfree"] = m.WorkerMemoryMb - wMemUsed,
                ["state"] = "ALIVE",
                ["lastheartbeat"] = m.LastHeardMs,
            });
        }

        var apps = new JsonArray();
        if (client != null)
        {
            var start = DateTimeOffset.FromUnixTimeMilliseconds(client.ClientStartedAtMs);
            apps.Add(new JsonObject
            {
                ["starttime"] = client.ClientStartedAtMs,
                ["id"] = $"app-{Stamp(start.UtcDateTime)}-0000",
                ["name"] = client.AppName,
                ["cores"] = cores,
                ["user"] = Environment.UserName,
                ["memoryperslave"] = client.ExecutorMemoryMb,
                ["submitdate"] = start.UtcDateTime.ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture),
                ["state"] = "RUNNING",
                ["duration"] = nowMs - client.ClientStartedAtMs,
            });
        }

        var doc = new JsonObject
        {
            ["url"] = url,
            ["workers"] = workers,
            ["cores"] = cores,
            ["coresused"] = coresUsed,
            ["memory"] = memory,
            ["memoryused"] = memoryUsed,
            ["activeapps"] = apps,
            ["completedapps"] = new JsonArray(),
            ["activedrivers"] = new JsonArray(),
            ["status"] = status,
        };
        return doc.ToJsonString();
    }

    private static string Stamp(DateTime utc) => utc.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
}
