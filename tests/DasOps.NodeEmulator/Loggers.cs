namespace DasOps.NodeEmulator;

/// <summary>
/// The log4j logger (class) names a real DAS 3.2.0 node uses for the lines the emulator writes, so that
/// probes grepping wso2carbon.log see the same "{logger}" as on a real node. Names marked (inferred) are
/// plausible owners of a message whose exact origin was not read in source.
/// </summary>
internal static class Loggers
{
    public const string CoreActivator = "org.wso2.carbon.core.internal.CarbonCoreActivator";
    public const string ServerManager = "org.wso2.carbon.core.init.CarbonServerManager";
    public const string UiComponent = "org.wso2.carbon.ui.internal.CarbonUIServiceComponent";
    public const string StartupFinalizer = "org.wso2.carbon.core.internal.StartupFinalizerServiceComponent";

    public const string Hazelcast = "org.wso2.carbon.core.clustering.hazelcast.HazelcastClusteringAgent";
    public const string WkaScheme = "org.wso2.carbon.core.clustering.hazelcast.wka.WKABasedMembershipScheme";

    /// <summary>Hazelcast 3.x's own cluster service; the DAS root logger is INFO, so its member list reaches wso2carbon.log.</summary>
    public const string HazelcastClusterService = "com.hazelcast.cluster.ClusterService";

    public const string CepModeLoader = "org.wso2.carbon.event.processor.manager.core.internal.util.ManagementModeConfigurationLoader";
    public const string CepService = "org.wso2.carbon.event.processor.manager.core.internal.CarbonEventManagementService";
    public const string CepServiceDs = "org.wso2.carbon.event.processor.manager.core.internal.ds.EventManagementServiceDS";
    public const string HaManager = "org.wso2.carbon.event.processor.manager.core.internal.HAManager";
    public const string CepEventHandler = "org.wso2.carbon.event.processor.manager.core.internal.EventHandler";
    public const string TcpEventServer = "org.wso2.carbon.event.processor.manager.commons.transport.server.TCPEventServer";

    public const string SparkExecutor = "org.wso2.carbon.analytics.spark.core.internal.SparkAnalyticsExecutor";
    public const string SparkComponent = "org.wso2.carbon.analytics.spark.core.internal.AnalyticsComponent";

    // (inferred) owners of configuration failures.
    public const string ServerConfiguration = "org.wso2.carbon.base.ServerConfiguration";
    public const string DataSourceComponent = "org.wso2.carbon.ndatasource.core.internal.DataSourceServiceComponent";
    public const string UserCoreActivator = "org.wso2.carbon.user.core.internal.Activator";
    public const string RegistryComponent = "org.wso2.carbon.registry.core.internal.RegistryCoreServiceComponent";
    public const string AnalyticsDataService = "org.wso2.carbon.analytics.dataservice.core.AnalyticsDataServiceComponent";
    public const string TomcatConnector = "org.apache.catalina.core.StandardService";
    public const string TomcatComponent = "org.wso2.carbon.tomcat.internal.CarbonTomcatServiceComponent";
    public const string DataBridge = "org.wso2.carbon.databridge.core.internal.DataBridgeDS";
    public const string ThriftReceiver = "org.wso2.carbon.databridge.receiver.thrift.internal.ThriftDataReceiverDS";
    public const string BinaryReceiver = "org.wso2.carbon.databridge.receiver.binary.internal.BinaryDataReceiverServiceComponent";
    public const string HazelcastAddressPicker = "com.hazelcast.instance.DefaultAddressPicker";
}
