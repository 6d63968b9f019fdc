using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DasOps.NodeEmulator.Sp;

/// <summary>An HTTPS interface as deployment.config writes it: {host, port, username, password}.</summary>
internal sealed record SpInterface(string Host, int Port, string Username, string Password)
{
    public override string ToString() => $"{Host}:{Port}";
}

/// <summary>One wso2.datasources entry, with the ${sys:…} placeholders of its JDBC URL resolved.</summary>
internal sealed record SpDataSource(string Name, string JdbcUrl, string Username, string Password);

/// <summary>
/// What the emulator needs from conf/&lt;runtime&gt;/deployment.yaml, with the bean defaults of ground truth §f for
/// omitted keys (DeploymentConfig: heartbeatInterval 10000, heartbeatMaxRetry 2, minResourceCount 1; the worker's
/// leaderRetryInterval 10000). Ports: msf4j listeners are not offset; receivers are (binary one more, the 6.1.26 bug).
/// </summary>
internal sealed class SpConfig
{
    public required string Runtime { get; init; }
    public required string File { get; init; }
    public required string Id { get; init; }
    public required string Name { get; init; }
    public int Offset { get; init; }
    public int HttpPort { get; init; }
    public required string HttpsHost { get; init; }
    public int HttpsPort { get; init; }
    public int ThriftTcp { get; init; }
    public int ThriftSsl { get; init; }
    public int BinaryTcp { get; init; }
    public int BinarySsl { get; init; }
    /// <summary>siddhi.stores.query.api listeners (worker only): 7070 / 7443.</summary>
    public IReadOnlyList<int> StoreApiPorts { get; init; } = [];
    public bool ClusterEnabled { get; init; }
    public string GroupId { get; init; } = "sp";
    public string? ClusterDataSource { get; init; }
    public int ClusterHeartbeatInterval { get; init; } = 1000;
    public int ClusterHeartbeatMaxRetry { get; init; } = 2;
    public string DeploymentType { get; init; } = "";
    public SpInterface? HttpsInterface { get; init; }
    public int HeartbeatInterval { get; init; } = 10000;
    public int HeartbeatMaxRetry { get; init; } = 2;
    public int MinResourceCount { get; init; } = 1;
    public int LeaderRetryInterval { get; init; } = 10000;
    public bool IsReceiverNode { get; init; }
    public IReadOnlyList<SpInterface> ResourceManagers { get; init; } = [];
    public IReadOnlyDictionary<string, SpDataSource> DataSources { get; init; } = new Dictionary<string, SpDataSource>();
    /// <summary>auth.configs local users (username → password, decoded from the stock base64).</summary>
    public IReadOnlyDictionary<string, string> Users { get; init; } = new Dictionary<string, string>();

    public bool IsManager => Runtime == "manager";

    public static SpConfig Load(string carbonHome, string runtime)
    {
        var file = Path.Combine(carbonHome, "conf", runtime, "deployment.yaml");
        if (!System.IO.File.Exists(file))
            throw new RefusalException(SpLoggers.ConfigProvider, $"Deployment configuration file {file} does not exist");
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
                stream.Load(reader);
            root = stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode m ? m : new YamlMappingNode();
        }
        catch (YamlException e)
        {
            throw new RefusalException(SpLoggers.ConfigProvider,
                $"Error while parsing {file} at line {e.Start.Line}, column {e.Start.Column}: {e.Message}",
                "org.yaml.snakeyaml.scanner.ScannerException: " + e.Message);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's node model fails this way on some malformed input; the event parser still knows where it stopped.
            var line = LastParsedLine(file);
            throw new RefusalException(SpLoggers.ConfigProvider,
                $"Error while parsing {file} at line {line}: the YAML structure is malformed near this line",
                "org.yaml.snakeyaml.parser.ParserException: " + e.Message);
        }
        var y = new YamlView(root, file, carbonHome, runtime);

        var carbon = y.Map(root, "wso2.carbon");
        var listeners = y.Seq(y.Map(root, "wso2.transport.http"), "listenerConfigurations");
        var https = listeners.FirstOrDefault(l => y.Str(l, "scheme") == "https");
        var http = listeners.FirstOrDefault(l => y.Str(l, "scheme") is null or "http");
        var receivers = y.Seq(y.Map(root, "databridge.config"), "dataReceivers")
            .Select(r => y.Map(r, "dataReceiver")).Where(r => r != null).ToList();
        YamlMappingNode? Receiver(string type) => y.Map(receivers.FirstOrDefault(r => y.Str(r, "type") == type), "properties");
        var offset = y.Int(y.Map(carbon, "ports"), "offset", 0);
        var thrift = Receiver("Thrift");
        var binary = Receiver("Binary");
        var cluster = y.Map(root, "cluster.config");
        var strategy = y.Map(cluster, "strategyConfig");
        var deployment = y.Map(root, "deployment.config");

        return new SpConfig
        {
            Runtime = runtime,
            File = file,
            Id = y.Str(carbon, "id") ?? "wso2-sp",
            Name = y.Str(carbon, "name") ?? "WSO2 Stream Processor",
            Offset = offset,
            HttpPort = y.Int(http, "port", 0),
            HttpsHost = y.Str(https, "host") ?? "0.0.0.0",
            HttpsPort = https == null
                ? throw new RefusalException(SpLoggers.ConfigProvider, $"No https listener (scheme: https) in wso2.transport.http of {file}")
                : y.Int(https, "port", 0),
            ThriftTcp = y.Int(thrift, "tcpPort", 7611) + offset,
            ThriftSsl = y.Int(thrift, "sslPort", 7711) + offset,
            BinaryTcp = y.Int(binary, "tcpPort", 9611) + offset + 1,
            BinarySsl = y.Int(binary, "sslPort", 9711) + offset + 1,
            StoreApiPorts = y.Seq(y.Map(root, "siddhi.stores.query.api"), "listenerConfigurations").Select(l => y.Int(l, "port", 0)).ToList(),
            ClusterEnabled = y.Bool(cluster, "enabled"),
            GroupId = y.Str(cluster, "groupId") ?? "sp",
            ClusterDataSource = y.Str(strategy, "datasource"),
            ClusterHeartbeatInterval = y.Int(strategy, "heartbeatInterval", 1000),
            ClusterHeartbeatMaxRetry = y.Int(strategy, "heartbeatMaxRetry", 2),
            DeploymentType = y.Str(deployment, "type") ?? "",
            HttpsInterface = Interface(y, y.Map(deployment, "httpsInterface")),
            HeartbeatInterval = y.Int(deployment, "heartbeatInterval", 10000),
            HeartbeatMaxRetry = y.Int(deployment, "heartbeatMaxRetry", 2),
            MinResourceCount = y.Int(deployment, "minResourceCount", 1),
            LeaderRetryInterval = y.Int(deployment, "leaderRetryInterval", 10000),
            IsReceiverNode = y.Bool(deployment, "isReceiverNode"),
            ResourceManagers = y.Seq(deployment, "resourceManagers").Select(m => Interface(y, m)!).ToList(),
            DataSources = y.Seq(y.Map(root, "wso2.datasources"), "dataSources").Select(d =>
            {
                var conf = y.Map(y.Map(d, "definition"), "configuration");
                return new SpDataSource(y.Str(d, "name") ?? "", y.Str(conf, "jdbcUrl") ?? "", y.Str(conf, "username") ?? "",
                    y.Str(conf, "password") ?? "");
            }).GroupBy(d => d.Name).ToDictionary(g => g.Key, g => g.Last()),
            Users = ReadUsers(y, root),
        };
    }

    private static long LastParsedLine(string file)
    {
        using var reader = new StreamReader(file);
        var parser = new Parser(reader);
        long line = 0;
        try
        {
            while (parser.MoveNext())
                line = parser.Current?.Start.Line ?? line;
        }
        catch (YamlException e)
        {
            return e.Start.Line;
        }
        catch (InvalidOperationException)
        {
            // the same failure: the last event parsed is where it stopped
        }
        return line;
    }

    private static SpInterface? Interface(YamlView y, YamlMappingNode? node) => node == null
        ? null
        : new SpInterface(y.Str(node, "host") ?? "localhost", y.Int(node, "port", 9443), y.Str(node, "username") ?? "admin",
            y.Str(node, "password") ?? "admin");

    private static Dictionary<string, string> ReadUsers(YamlView y, YamlMappingNode root)
    {
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        var store = y.Map(y.Map(y.Map(root, "auth.configs"), "userManager"), "userStore");
        foreach (var entry in y.Seq(store, "users"))
        {
            var user = y.Map(entry, "user");
            if (y.Str(user, "username") is not { } name)
                continue;
            var stored = y.Str(user, "password") ?? "";
            try
            {
                users[name] = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(stored));
            }
            catch (FormatException)
            {
                users[name] = stored;
            }
        }
        if (users.Count == 0)
            users["admin"] = "admin"; // the local IdP's default user
        return users;
    }

    /// <summary>Null-tolerant navigation with Carbon's ${sys:…}/${carbon.home} substitution and NumberFormatException-like refusals.</summary>
    private sealed class YamlView(YamlMappingNode root, string file, string carbonHome, string runtime)
    {
        public YamlMappingNode Root => root;

        public YamlMappingNode? Map(YamlNode? parent, string key) =>
            parent is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v as YamlMappingNode : null;

        public IEnumerable<YamlMappingNode> Seq(YamlNode? parent, string key) =>
            parent is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlSequenceNode s
                ? s.Children.OfType<YamlMappingNode>()
                : [];

        public string? Str(YamlNode? parent, string key)
        {
            if (parent is not YamlMappingNode m || !m.Children.TryGetValue(new YamlScalarNode(key), out var v) || v is not YamlScalarNode s)
                return null;
            return s.Value?.Replace("${sys:carbon.home}", carbonHome).Replace("${carbon.home}", carbonHome)
                .Replace("${sys:wso2.runtime}", runtime);
        }

        public int Int(YamlNode? parent, string key, int fallback)
        {
            var text = Str(parent, key);
            if (string.IsNullOrWhiteSpace(text))
                return fallback;
            if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                return value;
            var line = parent is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node.Start.Line : 0;
            throw new RefusalException(SpLoggers.ConfigProvider, $"Invalid value '{text}' for {key} in {file} at line {line}",
                $"java.lang.NumberFormatException: For input string: \"{text}\"");
        }

        public bool Bool(YamlNode? parent, string key) =>
            Str(parent, key) is { } v && v.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
    }
}
