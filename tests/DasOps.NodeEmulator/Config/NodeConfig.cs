namespace DasOps.NodeEmulator;

/// <summary>
/// Everything a node reads from CARBON_HOME at startup, loaded in the order a real node's components meet
/// the files (kernel, axis2, tomcat, datasources, user realm, registry, analytics, CEP, Spark). The first
/// fatal problem throws <see cref="RefusalException"/>.
/// </summary>
internal sealed record NodeConfig(
    string CarbonHome,
    NodeProfile Profile,
    CarbonServerConfig Carbon,
    int Offset,
    ClusteringConfig Clustering,
    TransportPorts Transports,
    DataSources DataSources,
    CepConfig Cep,
    SparkSettings? Spark,
    SparkMode SparkMode)
{
    public static NodeConfig Load(string home, SystemProperties props, NodeProfile profile)
    {
        var carbon = CarbonServerConfig.Load(home);
        var offset = carbon.EffectiveOffset(props);
        var clustering = ClusteringConfig.Load(home);
        var transports = TransportPorts.Load(home);
        var dataSources = DataSources.Load(home);
        ReferenceChecks.Run(home, dataSources);
        var cep = CepConfig.Load(home);
        SparkSettings? spark = null;
        var mode = SparkMode.None;
        if (profile.RunsSpark)
        {
            spark = SparkSettings.Load(home, offset);
            mode = spark.ModeFor(clustering.Enabled);
        }
        return new NodeConfig(home, profile, carbon, offset, clustering, transports, dataSources, cep, spark, mode);
    }

    /// <summary>CEP HA ports get the offset only when it is positive (HAConfiguration).</summary>
    public int HaOffset => Math.Max(0, Offset);

    /// <summary>The host other members reach this node on: localMemberHost, else the interface IP (Utils.getIpAddress).</summary>
    public string MemberHost => Clustering.LocalMemberHost ?? HostAddressing.InterfaceIp();

    /// <summary>Spark host: SPARK_LOCAL_IP from the environment (load-spark-env-vars.sh), else the member host.</summary>
    public string SparkHost =>
        Environment.GetEnvironmentVariable("SPARK_LOCAL_IP") is { Length: > 0 } ip ? ip : MemberHost;

    /// <summary>
    /// Host of the "Mgt Console URL" line: carbon.xml MgtHostName, else the node's interface IP. On a lab host
    /// (one network namespace, one address) that IP is localMemberHost, which the emulator uses when it is set and
    /// not loopback so that nodes sharing one machine on 127.0.0.x still print their own address.
    /// </summary>
    public string MgtConsoleHost =>
        Carbon.MgtHostName
        ?? (Clustering.LocalMemberHost is { } h && !HostAddressing.IsLoopbackName(h) ? h : HostAddressing.InterfaceIp());

    public int HttpsPort => Transports.Https + Offset;

    public int HttpPort => Transports.Http + Offset;
}
