namespace DasOps.NodeEmulator;

/// <summary>
/// Startup checks that need more than one file or the network: database reachability, CEP HA versus clustering,
/// and the Spark executor's settings. Run before any port is bound, so a refusal leaves nothing listening.
/// </summary>
internal static class Preflight
{
    public static void Run(NodeConfig config)
    {
        CheckDatabases(config);
        CheckCepHa(config);
        CheckSpark(config);
    }

    /// <summary>Every jdbc:mysql datasource must accept a TCP connection within 5 s (probed in parallel).</summary>
    private static void CheckDatabases(NodeConfig config)
    {
        var probes = config.DataSources.All
            .Select(ds => (ds, target: MySqlProbe.Parse(ds.Url)))
            .Where(p => p.target != null)
            .Select(p => (p.ds, task: MySqlProbe.ProbeAsync(p.target!.Value.Host, p.target.Value.Port)))
            .ToList();
        Task.WaitAll(probes.Select(p => (Task)p.task).ToArray());
        foreach (var (ds, task) in probes)
        {
            if (task.Result is not { } cause)
                continue;
            throw new RefusalException(Loggers.DataSourceComponent,
                $"Error in initializing system data sources at '{ds.File}' - Error in creating data source '{ds.Name}' " +
                $"({ds.Url}): Communications link failure",
                "com.mysql.jdbc.exceptions.jdbc4.CommunicationsException: Communications link failure\n\n" +
                "The last packet sent successfully to the server was 0 milliseconds ago. " +
                "The driver has not received any packets from the server.\n" +
                $"Caused by: {cause}");
        }
    }

    /// <summary>
    /// Without clustering a real node never calls HAManager (it needs the Hazelcast instance), so HA silently never
    /// activates; the lab refuses instead so the misconfiguration cannot go unnoticed.
    /// </summary>
    private static void CheckCepHa(NodeConfig config)
    {
        if (config.Cep.Mode == CepMode.HA && !config.Clustering.Enabled)
            throw new RefusalException(Loggers.CepService,
                $"CEP HA mode is enabled in {ConfPaths.EventProcessor(config.CarbonHome)} but clustering is disabled " +
                $"(<clustering enable=\"false\"> in {ConfPaths.Axis2(config.CarbonHome)}); the CEP HAManager needs the " +
                "Hazelcast cluster to elect the active and passive members");
    }

    private static void CheckSpark(NodeConfig config)
    {
        if (config.Spark is not { } spark)
            return;
        const string prefix = "Error initializing analytics executor: ";
        // SparkAnalyticsExecutor.setAdditionalConfigs, run while building the SparkConf (before the mode is chosen).
        if (spark.SymbolicLink is { } link && !Directory.Exists(link) && !File.Exists(link))
        {
            var message = $"Unable to create the extra spark classpath with CarbonHome specified, does not exist : {link}";
            throw new RefusalException(Loggers.SparkComponent, prefix + message,
                "org.wso2.carbon.analytics.spark.core.exception.AnalyticsExecutionException: " + message);
        }
        var master = spark.Master.ToLowerInvariant();
        if (master.StartsWith("carbon", StringComparison.Ordinal) && !config.Clustering.Enabled)
        {
            const string message = "Using Carbon Clustering without enabling clustering in axis2. Please refer axis2 settings.";
            throw new RefusalException(Loggers.SparkComponent, prefix + message,
                "org.wso2.carbon.analytics.spark.core.exception.AnalyticsExecutionException: " + message);
        }
        if (master == "yarn-cluster")
        {
            const string message = "\"yarn-cluster\" mode is not supported in DAS. Please use \"yarn-cluster\"!";
            throw new RefusalException(Loggers.SparkComponent, prefix + message,
                "org.wso2.carbon.analytics.spark.core.exception.AnalyticsExecutionException: " + message);
        }
        var known = master.StartsWith("local", StringComparison.Ordinal) || master.StartsWith("carbon", StringComparison.Ordinal)
            || master.StartsWith("spark", StringComparison.Ordinal) || master.StartsWith("yarn", StringComparison.Ordinal)
            || master.StartsWith("mesos", StringComparison.Ordinal);
        if (!known)
            throw new RefusalException(Loggers.SparkComponent, prefix + "Unknown cluster mode for Spark : " + spark.Master);
        // A real node would quietly fall back to local mode; redundant masters need the cluster, so the lab refuses.
        if (spark.MasterCountSetting is > 1 && !config.Clustering.Enabled && master.StartsWith("local", StringComparison.Ordinal))
            throw new RefusalException(Loggers.SparkComponent,
                $"{prefix}carbon.spark.master.count is {spark.MasterCountSetting} in {ConfPaths.SparkDefaults(config.CarbonHome)} " +
                $"but clustering is disabled in {ConfPaths.Axis2(config.CarbonHome)}: redundant Spark masters need Carbon clustering " +
                "(a real node would silently start Spark in local mode without HA)");
    }
}
