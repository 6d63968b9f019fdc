using System.Globalization;

namespace DasOps.NodeEmulator;

internal enum SparkMode
{
    /// <summary>This profile does not run the analytics engine.</summary>
    None,

    /// <summary>"local*" without clustering: Spark in-process, no master.</summary>
    Local,

    /// <summary>"local*" or "carbon" with clustering: masters/workers elected over the Carbon cluster.</summary>
    CarbonClustered,

    /// <summary>spark://, yarn-client or mesos: an external cluster; the node only runs a client.</summary>
    External,
}

/// <summary>
/// repository/conf/analytics/spark/spark-defaults.conf as SparkAnalyticsExecutor reads it: java.util.Properties
/// syntax, the offset added to every "spark.*.port" key, carbon.spark.* settings for the clustered mode.
/// </summary>
internal sealed record SparkSettings(
    string Master,
    int? MasterCountSetting,
    string? SymbolicLink,
    string AppName,
    int MasterPort,
    int MasterWebUiPort,
    int WorkerPort,
    int WorkerWebUiPort,
    int UiPort,
    int WorkerCores,
    int WorkerMemoryMb,
    int ExecutorMemoryMb)
{
    /// <summary>Defaults to 1, but to 2 in Carbon-clustered mode when the key is absent (SparkAnalyticsExecutor).</summary>
    public int MasterCount(SparkMode mode) => MasterCountSetting ?? (mode == SparkMode.CarbonClustered ? 2 : 1);

    public static SparkSettings Load(string carbonHome, int offset)
    {
        var path = ConfPaths.SparkDefaults(carbonHome);
        if (!File.Exists(path))
            throw new RefusalException(Loggers.SparkComponent,
                $"Error initializing analytics executor: The file spark-defaults.conf does not exist in path :{path}");
        var props = ReadProperties(path);

        int Port(string key, int fallback)
        {
            var raw = props.TryGetValue(key, out var v) ? v : null;
            var value = XmlConfig.Int(raw, fallback, Loggers.SparkComponent, path, key);
            return value + offset; // addSparkPropertiesPortOffset: every spark.*.port gets the offset
        }

        // Any other spark.*.port with a bad number also breaks the executor's offset pass.
        foreach (var (key, value) in props)
            if (key.StartsWith("spark.", StringComparison.Ordinal) && key.EndsWith(".port", StringComparison.Ordinal))
                XmlConfig.Int(value, 0, Loggers.SparkComponent, path, key);

        int? count = props.TryGetValue("carbon.spark.master.count", out var c)
            ? XmlConfig.Int(c, 1, Loggers.SparkComponent, path, "carbon.spark.master.count")
            : null;
        return new SparkSettings(
            Master: props.GetValueOrDefault("carbon.spark.master", "local"),
            MasterCountSetting: count,
            SymbolicLink: props.TryGetValue("carbon.das.symbolic.link", out var link) && link.Length > 0 ? link : null,
            AppName: props.GetValueOrDefault("spark.app.name", "CarbonAnalytics"),
            MasterPort: Port("spark.master.port", 7077),
            MasterWebUiPort: Port("spark.master.webui.port", 8081),
            WorkerPort: Port("spark.worker.port", 11000),
            WorkerWebUiPort: Port("spark.worker.webui.port", 11500),
            UiPort: Port("spark.ui.port", 4040),
            WorkerCores: XmlConfig.Int(props.GetValueOrDefault("spark.worker.cores"), 1, Loggers.SparkComponent, path, "spark.worker.cores"),
            WorkerMemoryMb: MemoryMb(props.GetValueOrDefault("spark.worker.memory", "1g")),
            ExecutorMemoryMb: MemoryMb(props.GetValueOrDefault("spark.executor.memory", "1g")));
    }

    /// <summary>The executor's cluster-mode choice (SparkAnalyticsExecutor.getClusterMode).</summary>
    public SparkMode ModeFor(bool clustering)
    {
        var m = Master.ToLowerInvariant();
        if (m.StartsWith("local", StringComparison.Ordinal))
            return clustering ? SparkMode.CarbonClustered : SparkMode.Local;
        if (m.StartsWith("carbon", StringComparison.Ordinal))
            return SparkMode.CarbonClustered; // without clustering this is refused by the caller
        return SparkMode.External;
    }

    /// <summary>Utils.memoryStringToMb: "1g" → 1024, "512m" → 512, plain numbers are bytes.</summary>
    private static int MemoryMb(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t.Length == 0)
            return 1024;
        var unit = t[^1];
        var number = char.IsDigit(unit) ? t : t[..^1];
        if (!long.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            return 1024;
        return unit switch
        {
            'k' => (int)(n / 1024),
            'm' => (int)n,
            'g' => (int)(n * 1024),
            't' => (int)(n * 1024 * 1024),
            _ => (int)(n / (1024 * 1024)),
        };
    }

    /// <summary>java.util.Properties: '#'/'!' comments, key ends at the first '=', ':' or whitespace.</summary>
    private static Dictionary<string, string> ReadProperties(string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or '!')
                continue;
            var end = line.IndexOfAny([' ', '\t', '=', ':']);
            if (end < 0)
            {
                result[line] = "";
                continue;
            }
            var key = line[..end];
            var rest = line[end..].TrimStart();
            if (rest.Length > 0 && rest[0] is '=' or ':')
                rest = rest[1..].TrimStart();
            result[key] = rest.Trim();
        }
        return result;
    }
}
