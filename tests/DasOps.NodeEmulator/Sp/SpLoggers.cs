namespace DasOps.NodeEmulator.Sp;

/// <summary>
/// log4j2 logger names of the SP 4.4.0 lines the emulator writes (ground truth §f names the classes; the package
/// of a class is taken from the source path the ground truth cites, those marked (inferred) from the module layout).
/// </summary>
internal static class SpLoggers
{
    public const string StartupHandler = "org.wso2.carbon.kernel.internal.CarbonStartupHandler";
    public const string ConfigProvider = "org.wso2.carbon.config.provider.ConfigProviderImpl"; // (inferred)
    public const string DataSources = "org.wso2.carbon.datasource.core.internal.DataSourceListenerComponent"; // (inferred)
    public const string Transport = "org.wso2.transport.http.netty.contractimpl.listener.ServerConnectorBootstrap$HttpServerConnector"; // (inferred)
    public const string Microservices = "org.wso2.msf4j.internal.MicroservicesServerSC"; // (inferred)
    public const string JobManager = "org.wso2.carbon.sp.jobmanager.core.internal.ServiceComponent"; // (inferred)
    public const string Coordination = "org.wso2.carbon.sp.jobmanager.core.CoordinationListener"; // (inferred)
    public const string ResourceMonitor = "org.wso2.carbon.sp.jobmanager.core.internal.ResourceNodeMonitor";
    public const string ResourceManagerApi = "org.wso2.carbon.sp.jobmanager.core.impl.ResourceManagerApiServiceImpl"; // (inferred)
    public const string Allocation = "org.wso2.carbon.sp.jobmanager.core.allocation.RoundRobinAllocationAlgorithm";
    public const string Deployment = "org.wso2.carbon.sp.jobmanager.core.deployment.DeploymentManagerImpl"; // (inferred)
    public const string HeartbeatSender = "org.wso2.carbon.sp.distributed.resource.core.util.HeartbeatSender";
    public const string SiddhiApps = "org.wso2.carbon.stream.processor.core.internal.StreamProcessorDeployer"; // (inferred)
    public const string RdbmsCoordination = "org.wso2.carbon.cluster.coordinator.rdbms.RDBMSCoordinationStrategy";
}
