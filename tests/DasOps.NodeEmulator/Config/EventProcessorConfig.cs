using System.Xml;

namespace DasOps.NodeEmulator;

internal enum CepMode
{
    SingleNode,
    HA,
    Distributed,
}

internal sealed record HostPort(string Host, int Port)
{
    public override string ToString() => $"{Host}:{Port}";
}

/// <summary>The HA &lt;mode&gt; block; ports are as configured (the offset is added by the caller, as HAConfiguration does).</summary>
internal sealed record HaConfig(
    bool Worker,
    bool Presenter,
    HostPort EventSync,
    HostPort Management,
    HostPort Presentation,
    bool PersistenceEnabled,
    int StateSyncRetryMs);

/// <summary>
/// repository/conf/event-processor.xml read like ManagementModeConfigurationLoader (analytics-common 5.1.37):
/// the first &lt;mode&gt; with enable="true" wins; ModeLogLine is the INFO line it logs (null when it logs nothing,
/// e.g. the quirk of a &lt;persistence enable="false"&gt; element). A structurally invalid file does not stop a real
/// node: the CEP management service fails to activate (LoadError) and the node runs without it.
/// </summary>
internal sealed record CepConfig(CepMode Mode, string? ModeLogLine, HaConfig? Ha, string? LoadError)
{
    public static CepConfig Load(string carbonHome)
    {
        var path = ConfPaths.EventProcessor(carbonHome);
        if (!File.Exists(path))
            return Failed($"event-processor.xmlcannot be found in the path : {path}"); // sic, the real message
        XmlElement root;
        try
        {
            root = XmlConfig.Load(path, Loggers.CepServiceDs, "Could not create EventProcessorManagementService");
        }
        catch (RefusalException e)
        {
            // Unparseable XML: the brief makes every unparseable config file a refusal, so rethrow with the real wording.
            throw new RefusalException(e.Logger,
                $"Could not create EventProcessorManagementService: Error getting management mode information: " +
                $"Invalid XML for event-processor.xml located in the path : {path} ({e.Message})", e.Throwable);
        }

        foreach (var mode in XmlConfig.Children(root, "mode"))
        {
            if (!mode.HasAttribute("name") || !mode.HasAttribute("enable"))
                return Failed($"Invalid Mode Element with no mode attribute 'name' or 'enable' in file event-processor.xml ({path})");
            if (!XmlConfig.AttrTrue(mode, "enable"))
                continue;
            var name = mode.GetAttribute("name");
            if (name.Equals("HA", StringComparison.OrdinalIgnoreCase))
                return LoadHa(mode, path);
            if (name.Equals("Distributed", StringComparison.OrdinalIgnoreCase))
                return new CepConfig(CepMode.Distributed, "CEP started in Distributed mode", null, null);
            return new CepConfig(CepMode.SingleNode,
                PersistenceLine(mode, "CEP started in Persistence enabled Single Node mode", "CEP started in Single node mode"),
                null, null);
        }
        return new CepConfig(CepMode.SingleNode, "CEP started in Single node mode", null, null);
    }

    private static CepConfig Failed(string reason) => new(CepMode.SingleNode, null, null,
        $"Could not create EventProcessorManagementService: Error getting management mode information: {reason}");

    /// <summary>enable="true" logs the persistence line, no element logs the plain line, enable="false" logs nothing.</summary>
    private static string? PersistenceLine(XmlElement mode, string enabledLine, string absentLine)
    {
        var persistence = XmlConfig.Child(mode, "persistence");
        if (persistence == null)
            return absentLine;
        return XmlConfig.AttrTrue(persistence, "enable") ? enabledLine : null;
    }

    private static CepConfig LoadHa(XmlElement mode, string path)
    {
        var nodeType = XmlConfig.Child(mode, "nodeType");
        var management = XmlConfig.Child(mode, "management");
        var ha = new HaConfig(
            Worker: XmlConfig.AttrTrue(XmlConfig.Child(nodeType, "worker"), "enable"),
            Presenter: XmlConfig.AttrTrue(XmlConfig.Child(nodeType, "presenter"), "enable"),
            EventSync: Endpoint(XmlConfig.Child(mode, "eventSync"), 11224, path, "eventSync"),
            Management: Endpoint(management, 10005, path, "management"),
            Presentation: Endpoint(XmlConfig.Child(mode, "presentation"), 11000, path, "presentation"),
            PersistenceEnabled: XmlConfig.AttrTrue(XmlConfig.Child(mode, "persistence"), "enable"),
            StateSyncRetryMs: XmlConfig.Int(XmlConfig.ChildText(management, "stateSyncRetryInterval"), 10000,
                Loggers.CepServiceDs, path, "management/stateSyncRetryInterval"));
        return new CepConfig(CepMode.HA,
            PersistenceLine(mode, "CEP started in Persistence enabled HA mode", "CEP started in HA mode"), ha, null);
    }

    private static HostPort Endpoint(XmlElement? element, int defaultPort, string path, string what) => new(
        XmlConfig.ChildText(element, "hostName") is { Length: > 0 } host ? host : "0.0.0.0",
        XmlConfig.Int(XmlConfig.ChildText(element, "port"), defaultPort, Loggers.CepServiceDs, path, $"{what}/port"));
}
