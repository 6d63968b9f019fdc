using System.Xml;

namespace DasOps.NodeEmulator;

/// <summary>A well-known member from axis2.xml &lt;members&gt;.</summary>
internal sealed record WkaMember(string Host, int Port);

/// <summary>
/// The &lt;clustering&gt; section of repository/conf/axis2/axis2.xml (HazelcastClusteringAgent reads it in
/// "axis2 config mode"), plus the http/https transport ports that end up in the axis2 Member of this node.
/// </summary>
internal sealed record ClusteringConfig(
    bool Enabled,
    string MembershipScheme,
    string Domain,
    string? LocalMemberHost,
    int LocalMemberPort,
    IReadOnlyList<WkaMember> Members,
    string? SubDomain,
    int HttpPort,
    int HttpsPort)
{
    /// <summary>HazelcastClusteringAgent warns only for these two literal values.</summary>
    public bool LocalMemberHostIsLoopback => LocalMemberHost is "127.0.0.1" or "localhost";

    public static ClusteringConfig Load(string carbonHome)
    {
        var path = ConfPaths.Axis2(carbonHome);
        var root = XmlConfig.Load(path, Loggers.ServerManager, "Cannot start server. Error in building the Axis2 configuration");
        var http = TransportPort(root, "http", 9763, path);
        var https = TransportPort(root, "https", 9443, path);
        var clustering = XmlConfig.Child(root, "clustering");
        if (clustering == null)
            return new ClusteringConfig(false, "multicast", "wso2.carbon.domain", null, 4000, [], null, http, https);

        string? Param(string name) => XmlConfig.Children(clustering, "parameter")
            .FirstOrDefault(p => p.GetAttribute("name") == name) is { } p ? p.InnerText.Trim() : null;

        var members = new List<WkaMember>();
        foreach (var member in XmlConfig.Children(XmlConfig.Child(clustering, "members"), "member"))
        {
            var host = XmlConfig.ChildText(member, "hostName");
            if (string.IsNullOrEmpty(host))
                throw new RefusalException(Loggers.Hazelcast, $"A WKA <member> without <hostName> in {path}");
            members.Add(new WkaMember(host, XmlConfig.Int(XmlConfig.ChildText(member, "port"), 4000, Loggers.Hazelcast, path, "members/member/port")));
        }

        var subDomain = XmlConfig.Children(XmlConfig.Children(clustering, "parameter")
                .FirstOrDefault(p => p.GetAttribute("name") == "properties"), "property")
            .FirstOrDefault(p => p.GetAttribute("name") == "subDomain")?.GetAttribute("value");

        var localHost = Param("localMemberHost");
        return new ClusteringConfig(
            Enabled: XmlConfig.AttrTrue(clustering, "enable"),
            MembershipScheme: Param("membershipScheme") ?? "multicast",
            Domain: Param("domain") ?? "wso2.carbon.domain",
            LocalMemberHost: string.IsNullOrWhiteSpace(localHost) ? null : localHost,
            LocalMemberPort: XmlConfig.Int(Param("localMemberPort"), 4000, Loggers.Hazelcast, path, "localMemberPort"),
            Members: members,
            SubDomain: subDomain,
            HttpPort: http,
            HttpsPort: https);
    }

    private static int TransportPort(XmlElement root, string name, int fallback, string path)
    {
        var receiver = XmlConfig.Children(root, "transportReceiver").FirstOrDefault(t => t.GetAttribute("name") == name);
        var port = XmlConfig.Children(receiver, "parameter").FirstOrDefault(p => p.GetAttribute("name") == "port");
        return XmlConfig.Int(XmlConfig.Text(port), fallback, Loggers.ServerManager, path, $"transportReceiver {name} port");
    }
}
