namespace DasOps.NodeEmulator;

/// <summary>
/// Which DAS components run, derived from the -D properties exactly as carbon-analytics 1.3.25 reads them
/// (AnalyticsComponent.checkAnalyticsEnabled: disabling the engine also disables execution and the Spark context).
/// </summary>
internal sealed record NodeProfile(
    bool AnalyticsEngine,
    bool AnalyticsExecution,
    bool SparkContext,
    bool Indexing,
    bool EventSink,
    bool DataPurging,
    bool AnalyticsStats,
    bool DataReceivers)
{
    public static NodeProfile From(SystemProperties p)
    {
        var engine = !p.IsTrue("disableAnalyticsEngine");
        return new NodeProfile(
            AnalyticsEngine: engine,
            AnalyticsExecution: engine && !p.IsTrue("disableAnalyticsExecution"),
            SparkContext: engine && !p.IsTrue("disableAnalyticsSparkCtx"),
            Indexing: !p.IsTrue("disableIndexing"),
            EventSink: !p.IsTrue("disableEventSink"),
            DataPurging: !p.IsTrue("disableDataPurging"),
            AnalyticsStats: p.IsTrue("enableAnalyticsStats"),
            // data-bridge receivers only look at -Ddisable.receiver (ThriftDataReceiverDS, BinaryDataReceiverServiceComponent).
            DataReceivers: !p.IsTrue("disable.receiver"));
    }

    /// <summary>
    /// The Spark executor (masters, workers) is created wherever the analytics engine is enabled
    /// (AnalyticsComponent.activate: ServiceHolder.isAnalyticsEngineEnabled()): default, analyzer and ML profiles.
    /// </summary>
    public bool RunsSpark => AnalyticsEngine;
}
