using System.Xml;

namespace DasOps.NodeEmulator;

/// <summary>
/// Servlet connector ports (tomcat/catalina-server.xml) and data-bridge receiver ports
/// (data-bridge/data-bridge-config.xml), before the offset. Both files are optional: the stock defaults apply.
/// </summary>
internal sealed record TransportPorts(int Http, int Https, int? HttpsProxy, int ThriftTcp, int ThriftSsl, int BinaryTcp, int BinarySsl)
{
    public static TransportPorts Load(string carbonHome)
    {
        int http = 9763, https = 9443;
        int? proxy = null;
        var catalina = ConfPaths.Catalina(carbonHome);
        if (File.Exists(catalina))
        {
            var root = XmlConfig.Load(catalina, Loggers.TomcatComponent, "Error initializing the Carbon Tomcat service");
            foreach (var connector in root.GetElementsByTagName("Connector").OfType<XmlElement>())
            {
                var port = XmlConfig.Int(connector.GetAttribute("port"), 0, Loggers.TomcatComponent, catalina, "Connector port");
                var secure = connector.GetAttribute("scheme") == "https" || XmlConfig.AttrTrue(connector, "SSLEnabled");
                if (secure)
                {
                    https = port;
                    var proxyText = connector.GetAttribute("proxyPort");
                    if (!string.IsNullOrWhiteSpace(proxyText))
                        proxy = XmlConfig.Int(proxyText, 0, Loggers.TomcatComponent, catalina, "Connector proxyPort");
                }
                else
                {
                    http = port;
                }
            }
        }

        int thriftTcp = 7611, thriftSsl = 7711, binaryTcp = 9611, binarySsl = 9711;
        var bridge = ConfPaths.DataBridge(carbonHome);
        if (File.Exists(bridge))
        {
            var root = XmlConfig.Load(bridge, Loggers.DataBridge, "Error in activating the data bridge");
            thriftTcp = ReceiverPort(root, "Thrift", "tcpPort", thriftTcp, bridge);
            thriftSsl = ReceiverPort(root, "Thrift", "sslPort", thriftSsl, bridge);
            binaryTcp = ReceiverPort(root, "Binary", "tcpPort", binaryTcp, bridge);
            binarySsl = ReceiverPort(root, "Binary", "sslPort", binarySsl, bridge);
        }
        return new TransportPorts(http, https, proxy, thriftTcp, thriftSsl, binaryTcp, binarySsl);
    }

    private static int ReceiverPort(XmlElement root, string receiver, string key, int fallback, string path)
    {
        var element = XmlConfig.Children(root, "dataReceiver").FirstOrDefault(r => r.GetAttribute("name") == receiver);
        var config = XmlConfig.Children(element, "config").FirstOrDefault(c => c.GetAttribute("name") == key);
        return XmlConfig.Int(XmlConfig.Text(config), fallback, Loggers.DataBridge, path, $"{receiver} {key}");
    }
}
