namespace DasOps.NodeEmulator;

/// <summary>repository/conf/carbon.xml: the server name/version for the startup lines, host names and the port offset.</summary>
internal sealed record CarbonServerConfig(string Name, string Version, int Offset, string? HostName, string? MgtHostName)
{
    public static CarbonServerConfig Load(string carbonHome)
    {
        var path = ConfPaths.Carbon(carbonHome);
        var root = XmlConfig.Load(path, Loggers.ServerConfiguration, "Error while initializing the server configuration");
        var name = XmlConfig.ChildText(root, "Name");
        var version = XmlConfig.ChildText(root, "Version");
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(version))
            throw new RefusalException(Loggers.ServerConfiguration, $"Server <Name> or <Version> is missing in {path}");
        var offsetText = XmlConfig.Text(XmlConfig.Path(root, "Ports", "Offset"));
        var offset = XmlConfig.Int(offsetText, 0, Loggers.ServerConfiguration, path, "Ports/Offset");
        return new CarbonServerConfig(name, version, offset,
            NullIfEmpty(XmlConfig.ChildText(root, "HostName")), NullIfEmpty(XmlConfig.ChildText(root, "MgtHostName")));
    }

    /// <summary>-DportOffset wins over carbon.xml (CarbonUtils.getPortFromServerConfig).</summary>
    public int EffectiveOffset(SystemProperties props)
    {
        var fromProp = props.Get("portOffset");
        return fromProp == null
            ? Offset
            : XmlConfig.Int(fromProp, 0, Loggers.ServerConfiguration, "-DportOffset", "portOffset");
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}

/// <summary>Locations of the config files under CARBON_HOME, in one place so messages name them consistently.</summary>
internal static class ConfPaths
{
    public static string Conf(string home) => Path.Combine(home, "repository", "conf");

    public static string Carbon(string home) => Path.Combine(Conf(home), "carbon.xml");

    public static string Axis2(string home) => Path.Combine(Conf(home), "axis2", "axis2.xml");

    public static string Catalina(string home) => Path.Combine(Conf(home), "tomcat", "catalina-server.xml");

    public static string MasterDataSources(string home) => Path.Combine(Conf(home), "datasources", "master-datasources.xml");

    public static string AnalyticsDataSources(string home) => Path.Combine(Conf(home), "datasources", "analytics-datasources.xml");

    public static string UserMgt(string home) => Path.Combine(Conf(home), "user-mgt.xml");

    public static string Registry(string home) => Path.Combine(Conf(home), "registry.xml");

    public static string AnalyticsConfig(string home) => Path.Combine(Conf(home), "analytics", "analytics-config.xml");

    public static string EventProcessor(string home) => Path.Combine(Conf(home), "event-processor.xml");

    public static string SparkDefaults(string home) => Path.Combine(Conf(home), "analytics", "spark", "spark-defaults.conf");

    public static string DataBridge(string home) => Path.Combine(Conf(home), "data-bridge", "data-bridge-config.xml");
}
