using System;
using System.Collections.Generic;
using System.Linq;
using DasOps.Engine.Config.Yaml;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Products.Sp.Edits;

namespace DasOps.Engine.Products.Sp;

/// <summary>
/// Renders one SP 4.4.0 node's <c>conf/&lt;runtime&gt;/deployment.yaml</c> for the fully distributed pattern: text in, text
/// out, no I/O. Every line no edit names stays byte for byte (comments, blank lines, key order, quoting), and rendering
/// the result again gives the same bytes.
/// </summary>
public static class SpDeploymentYaml
{
    /// <summary>The edits, one concern each, in the order they run.</summary>
    public static IReadOnlyList<ISpDeploymentEdit> Edits { get; } = new ISpDeploymentEdit[]
    {
        new CarbonIdEdit(),
        new MysqlDatasourcesEdit(),
        new ManagerClusterEdit(),
        new ManagerDeploymentEdit(),
        new ManagerMessagingEdit(),
        new WorkerDeploymentEdit(),
    };

    /// <summary>The path of the file under SP_HOME for this node's runtime.</summary>
    public static string RelativePath(SpNodeSettings settings) => $"conf/{settings.Runtime}/deployment.yaml";

    /// <summary>
    /// The edited text. Bad settings throw <see cref="InputException"/> listing every problem; a file without what an
    /// edit needs throws <see cref="YamlTextException"/> with the file, line and column.
    /// </summary>
    public static string Render(string stockText, SpNodeSettings settings, string sourceName)
    {
        Validate(settings);
        var document = YamlTextDocument.Parse(stockText, sourceName);
        foreach (var edit in Edits.Where(e => e.AppliesTo(settings)))
            edit.Apply(document, settings, sourceName);
        return document.ToString();
    }

    /// <summary>Every problem with the settings at once; nothing when they can be rendered.</summary>
    public static IReadOnlyList<string> Problems(SpNodeSettings settings)
    {
        var problems = new List<string>();
        void Need(bool ok, string what)
        {
            if (!ok) problems.Add(what);
        }

        Need(!string.IsNullOrWhiteSpace(settings.CarbonId), "the wso2.carbon id is empty");
        Need(settings.CarbonId != "wso2-sp", "the wso2.carbon id is the stock 'wso2-sp', which every node has; give each node its own");
        CheckEndpoint(problems, "httpsInterface", settings.HttpsInterface);
        CheckDatabase(problems, "the cluster database (WSO2_CLUSTER_DB)", settings.ClusterDatabase);
        CheckDatabase(problems, "the management database (SP_MGT_DB)", settings.ManagementDatabase);

        if (settings.IsManager)
        {
            Need(settings.MinResourceCount >= 1, $"minResourceCount is {settings.MinResourceCount}; it must be at least 1");
            Need(settings.HeartbeatIntervalMs > 0, $"heartbeatInterval is {settings.HeartbeatIntervalMs} ms; it must be positive");
            Need(settings.HeartbeatMaxRetry >= 1, $"heartbeatMaxRetry is {settings.HeartbeatMaxRetry}; it must be at least 1");
            switch (settings.Messaging)
            {
                case null:
                    problems.Add("a manager needs the messaging layer (kafka or nats)");
                    break;
                case SpKafkaMessaging kafka:
                    Need(kafka.BootstrapServers.Count > 0, "kafka has no bootstrap servers");
                    Need(kafka.ZooKeeperServers.Count > 0, "kafka has no ZooKeeper servers");
                    Need(kafka.BootstrapServers.Concat(kafka.ZooKeeperServers).All(IsHostPort),
                        "every kafka bootstrap and ZooKeeper server must be host:port");
                    break;
                case SpNatsMessaging nats:
                    Need(nats.ServerUrl.StartsWith("nats://", StringComparison.Ordinal), $"the NATS server URL '{nats.ServerUrl}' must start with nats://");
                    Need(!string.IsNullOrWhiteSpace(nats.ClusterId), "the NATS streaming cluster id is empty");
                    break;
            }
        }
        else
        {
            Need(settings.ResourceManagers.Count > 0, "a worker needs the managers' addresses (resourceManagers); none were given");
            foreach (var manager in settings.ResourceManagers) CheckEndpoint(problems, "resourceManagers entry", manager);
            Need(settings.ResourceManagers.Select(m => m.ToString()).Distinct().Count() == settings.ResourceManagers.Count,
                "resourceManagers names a manager twice");
        }
        return problems;
    }

    /// <summary>Throws <see cref="InputException"/> naming the node and every problem.</summary>
    public static void Validate(SpNodeSettings settings)
    {
        var problems = Problems(settings);
        if (problems.Count > 0)
            throw new InputException(InputErrorKind.ParameterInvalid,
                $"node {settings.NodeName} ({settings.Role}): cannot render {RelativePath(settings)}: " + string.Join("; ", problems) + ".",
                settings.NodeName);
    }

    /// <summary>
    /// The paths (in <see cref="YamlTextDocument.Find"/> form) of every value in <paramref name="text"/> held under a key
    /// ending in "password": the datasource passwords written here, the REST credentials, and the stock ones (keystore,
    /// the local user store). For masking by structure in diffs; the values are never read out.
    /// </summary>
    public static IReadOnlyList<string> SecretPaths(string text, string sourceName)
    {
        var document = YamlTextDocument.Parse(text, sourceName);
        var found = new List<string>();
        Collect(document.Find("")!, "", found);
        return found;
    }

    private static void Collect(YamlTextEntry entry, string path, List<string> found)
    {
        var index = 0;
        foreach (var child in entry.Children)
        {
            var childPath = child.IsItem ? $"{path}[{index++}]" : (path.Length == 0 ? child.Key! : path + "/" + child.Key);
            if (!child.IsItem && child.Key!.EndsWith("password", StringComparison.OrdinalIgnoreCase) && child.Children.Count == 0)
                found.Add(childPath);
            Collect(child, childPath, found);
        }
    }

    private static void CheckEndpoint(List<string> problems, string what, SpEndpoint endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint.Host))
            problems.Add($"{what} has no host");
        else if (endpoint.Host == "localhost" || endpoint.Host.StartsWith("127.", StringComparison.Ordinal) || endpoint.Host == "::1" || endpoint.Host == "0.0.0.0")
            problems.Add($"{what} host '{endpoint.Host}' is not an address other nodes can reach");
        if (endpoint.Port < 1 || endpoint.Port > 65535)
            problems.Add($"{what} port {endpoint.Port} is not a TCP port");
    }

    private static void CheckDatabase(List<string> problems, string what, SpDatabase database)
    {
        if (!(database.JdbcUrl.StartsWith("jdbc:mysql://", StringComparison.Ordinal) || database.JdbcUrl.StartsWith("jdbc:mariadb://", StringComparison.Ordinal)))
            problems.Add($"{what} URL must be a jdbc:mysql:// (or jdbc:mariadb://) URL");    // the URL may hold a password: not echoed
        if (string.IsNullOrWhiteSpace(database.Username)) problems.Add($"{what} has no user");
        if (string.IsNullOrEmpty(database.PasswordReference)) problems.Add($"{what} has no password reference");
        if (string.IsNullOrWhiteSpace(database.DriverClassName)) problems.Add($"{what} has no JDBC driver class");
    }

    private static bool IsHostPort(string server)
    {
        var colon = server.LastIndexOf(':');
        return colon > 0 && int.TryParse(server.Substring(colon + 1), out var port) && port > 0 && port < 65536;
    }
}
