using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DasOps.Engine.Config.Yaml;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Products.Sp;
using DasOps.Engine.Secrets;
using DasOps.Engine.Tests.Support;
using Xunit;
using YamlDotNet.RepresentationModel;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Tests.Products.Sp;

/// <summary>
/// The SP 4.4.0 deployment.yaml edits on the real stock files: exactly the intended lines change (every other line byte for
/// byte, comments and blank lines included), YamlDotNet reads the intended values, and a second render is identical.
/// </summary>
public sealed class SpDeploymentYamlTests
{
    private const string MgtUrl = "jdbc:mysql://10.77.0.10:3306/SP_MGT_DB?useSSL=false";
    private const string ClusterUrl = "jdbc:mysql://10.77.0.10:3306/WSO2_CLUSTER_DB?useSSL=false";
    private const string Driver = "com.mysql.jdbc.Driver";
    private const string DbPassword = "${sec:sp.db.password}";

    private static string Stock(string runtime) => File.ReadAllText(Path.Combine(RepoPaths.SpStock, "conf", runtime, "deployment.yaml"));

    private static SpNodeSettings Manager(SpMessaging? messaging = null, string host = "10.77.0.11", int minResourceCount = 2) =>
        new SpNodeSettings("mgr1", "sp-mgr-1", SpNodeRole.Manager, new SpEndpoint(host, SpPorts.ManagerHttps),
            new SpDatabase(ClusterUrl, "sp", DbPassword, Driver), new SpDatabase(MgtUrl, "sp", DbPassword, Driver),
            messaging ?? new SpKafkaMessaging(new[] { "10.77.0.21:9092", "10.77.0.22:9092" }, new[] { "10.77.0.21:2181" }),
            minResourceCount, heartbeatIntervalMs: 1500, heartbeatMaxRetry: 3);

    private static SpNodeSettings Worker(SpNodeRole role = SpNodeRole.Worker, SpApiCredentials? credentials = null, params SpEndpoint[] managers) =>
        new SpNodeSettings("wrk1", "sp-wrk-1", role, new SpEndpoint("10.77.0.13", SpPorts.WorkerHttps),
            new SpDatabase(ClusterUrl, "sp", DbPassword, Driver), new SpDatabase(MgtUrl, "sp", DbPassword, Driver),
            resourceManagers: managers.Length > 0 ? managers : new[] { new SpEndpoint("10.77.0.11", 9543), new SpEndpoint("10.77.0.12", 9543) },
            managerApiCredentials: credentials);

    [Fact]
    public void A_kafka_manager_changes_exactly_its_keys_and_keeps_every_other_line()
    {
        var stock = Stock("manager");
        var rendered = SpDeploymentYaml.Render(stock, Manager(), "conf/manager/deployment.yaml");

        var (removed, added) = LineDiff(stock, rendered);
        Assert.Equal(new[]
        {
            "  id: wso2-sp",
            "        jdbcUrl: 'jdbc:h2:${sys:carbon.home}/wso2/${sys:wso2.runtime}/database/SP_MGT_DB;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=60000'",
            "        username: wso2carbon",
            "        password: wso2carbon",
            "        driverClassName: org.h2.Driver",
            "  enabled: false",
            "    host: localhost",
            "  heartbeatInterval: 2000",
            "  heartbeatMaxRetry: 2",
            "  minResourceCount: 1",
            "  bootstrapURLs: localhost:9092   # kafka urls",
            "    zooKeeperURLs: localhost:2181   # zookeeper urls",
        }, removed);
        Assert.Equal(new[]
        {
            "  id: sp-mgr-1",
            "        jdbcUrl: '" + MgtUrl + "'",
            "        username: sp",
            "        password: " + DbPassword,
            "        driverClassName: " + Driver,
            "  enabled: true",
            "    host: 10.77.0.11",
            "  heartbeatInterval: 1500",
            "  heartbeatMaxRetry: 3",
            "  minResourceCount: 2",
            "  bootstrapURLs: 10.77.0.21:9092,10.77.0.22:9092   # kafka urls",
            "    zooKeeperURLs: 10.77.0.21:2181   # zookeeper urls",
        }, added);
        Assert.Contains("    heartbeatMaxRetry: 2", rendered);    // cluster.config's own heartbeat stays stock

        var root = Load(rendered);
        Assert.Equal("sp-mgr-1", Scalar(root, "wso2.carbon", "id"));
        Assert.Equal("true", Scalar(root, "cluster.config", "enabled"));
        Assert.Equal("SP_MGT_DB", Scalar(root, "cluster.config", "strategyConfig", "datasource"));
        Assert.Equal("distributed", Scalar(root, "deployment.config", "type"));
        Assert.Equal("10.77.0.11", Scalar(root, "deployment.config", "httpsInterface", "host"));
        Assert.Equal("9543", Scalar(root, "deployment.config", "httpsInterface", "port"));
        Assert.Equal("3", Scalar(root, "deployment.config", "heartbeatMaxRetry"));
        Assert.Equal("10.77.0.21:2181", Scalar(root, "deployment.config", "zooKeeperConfig", "zooKeeperURLs"));
        var mgt = Datasource(root, "SP_MGT_DB");
        Assert.Equal(MgtUrl, Scalar(mgt, "jdbcUrl"));
        Assert.Equal(DbPassword, Scalar(mgt, "password"));
        Assert.Equal(Driver, Scalar(mgt, "driverClassName"));
        Assert.Equal(rendered, SpDeploymentYaml.Render(rendered, Manager(), "conf/manager/deployment.yaml"));
    }

    [Fact]
    public void A_nats_manager_drops_the_kafka_keys_and_a_switch_back_restores_them_in_place()
    {
        var stock = Stock("manager");
        var nats = Manager(new SpNatsMessaging("nats://10.77.0.21:4222", "test-cluster"));
        var rendered = SpDeploymentYaml.Render(stock, nats, "manager");

        var (removed, added) = LineDiff(stock, rendered);
        Assert.Contains("  bootstrapURLs: localhost:9092   # kafka urls", removed);
        Assert.Contains("  zooKeeperConfig:", removed);
        Assert.Contains("    sessionTimeout: 10000", removed);
        Assert.Equal(new[]
        {
            "  appCreatorClass: org.wso2.carbon.sp.jobmanager.core.appcreator.NatsSiddhiAppCreator",
            "  natsServerUrl: nats://10.77.0.21:4222",
            "  clusterId: test-cluster",
        }, added.Skip(added.Length - 3));
        var config = (YamlMappingNode)Load(rendered).Children[new YamlScalarNode("deployment.config")];
        Assert.False(config.Children.ContainsKey(new YamlScalarNode("bootstrapURLs")));
        Assert.Equal("nats://10.77.0.21:4222", Scalar(config, "natsServerUrl"));
        Assert.Equal(rendered, SpDeploymentYaml.Render(rendered, nats, "manager"));

        var back = SpDeploymentYaml.Render(rendered, Manager(), "manager");
        Assert.DoesNotContain("natsServerUrl", back);
        Assert.DoesNotContain("appCreatorClass", back);
        Assert.Equal("10.77.0.21:2181", Scalar(Load(back), "deployment.config", "zooKeeperConfig", "zooKeeperURLs"));
    }

    [Theory]
    [InlineData(SpNodeRole.Worker, "false")]
    [InlineData(SpNodeRole.ReceiverWorker, "true")]
    public void A_worker_gets_its_deployment_block_after_the_stock_sample_and_nothing_else_moves(SpNodeRole role, string receiver)
    {
        var stock = Stock("worker");
        var rendered = SpDeploymentYaml.Render(stock, Worker(role), "conf/worker/deployment.yaml");

        var (removed, added) = LineDiff(stock, rendered);
        Assert.Equal(new[]
        {
            "  id: wso2-sp",
            "          driverClassName: org.h2.Driver",
            "          jdbcUrl: \"jdbc:h2:${sys:carbon.home}/wso2/${sys:wso2.runtime}/database/WSO2_CLUSTER_DB;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=60000;AUTO_SERVER=TRUE\"",
            "          password: wso2carbon",
            "          username: wso2carbon",
        }, removed);
        Assert.Equal(new[]
        {
            "  id: sp-wrk-1",
            "          driverClassName: " + Driver,
            "          jdbcUrl: \"" + ClusterUrl + "\"",
            "          password: " + DbPassword,
            "          username: sp",
            "deployment.config:",
            "  type: distributed",
            "  isReceiverNode: " + receiver,
            "  httpsInterface:",
            "    host: 10.77.0.13",
            "    port: 9443",
            "  resourceManagers:",
            "    - host: 10.77.0.11",
            "      port: 9543",
            "    - host: 10.77.0.12",
            "      port: 9543",
            "",    // the blank line before the new block (a diff pairs it with another blank)
        }, added.Where(l => l.Length > 0).Concat(added.Where(l => l.Length == 0)));
        var lines = rendered.Split('\n').ToList();
        var block = lines.IndexOf("deployment.config:");
        Assert.Equal("#      password: admin", lines[block - 2]);    // right after the commented sample, which stays
        Assert.Equal("", lines[block - 1]);
        Assert.Equal("cluster.config:", lines.Single(l => l.StartsWith("cluster.config")));

        var root = Load(rendered);
        Assert.Equal("sp-wrk-1", Scalar(root, "wso2.carbon", "id"));
        Assert.Equal(receiver, Scalar(root, "deployment.config", "isReceiverNode"));
        Assert.Equal("10.77.0.13", Scalar(root, "deployment.config", "httpsInterface", "host"));
        var managers = (YamlSequenceNode)((YamlMappingNode)root.Children[new YamlScalarNode("deployment.config")]).Children[new YamlScalarNode("resourceManagers")];
        Assert.Equal(new[] { "10.77.0.11:9543", "10.77.0.12:9543" },
            managers.Children.Select(m => Scalar((YamlMappingNode)m, "host") + ":" + Scalar((YamlMappingNode)m, "port")));
        Assert.Equal(ClusterUrl, Scalar(Datasource(root, "WSO2_CLUSTER_DB"), "jdbcUrl"));
        Assert.Equal("false", Scalar(root, "cluster.config", "enabled"));    // the worker's HA clustering is not this pattern's
        Assert.Equal(rendered, SpDeploymentYaml.Render(rendered, Worker(role), "conf/worker/deployment.yaml"));
    }

    [Fact]
    public void A_worker_whose_managers_change_gets_the_new_list_and_its_credentials_are_secret_paths()
    {
        var credentials = new SpApiCredentials("admin", "${sec:sp.admin.password}");
        var first = SpDeploymentYaml.Render(Stock("worker"), Worker(SpNodeRole.Worker, credentials), "worker");
        var moved = SpDeploymentYaml.Render(first, Worker(SpNodeRole.Worker, credentials, new SpEndpoint("10.77.0.11", 9543), new SpEndpoint("10.77.0.15", 9543)), "worker");

        var (removed, added) = LineDiff(first, moved);
        Assert.Equal(new[] { "    - host: 10.77.0.12" }, removed);
        Assert.Equal(new[] { "    - host: 10.77.0.15" }, added);
        Assert.Equal("10.77.0.15", Scalar(Load(moved), "deployment.config", "resourceManagers", "1", "host"));

        var secrets = SpDeploymentYaml.SecretPaths(moved, "worker");
        Assert.Contains("deployment.config/httpsInterface/password", secrets);
        Assert.Contains("deployment.config/resourceManagers[0]/password", secrets);
        Assert.Contains("deployment.config/resourceManagers[1]/password", secrets);
        Assert.Contains("wso2.datasources/dataSources[0]/definition/configuration/password", secrets);
        Assert.DoesNotContain(secrets, p => p.EndsWith("/username", StringComparison.Ordinal));
        var document = YamlTextDocument.Parse(moved, "worker");
        Assert.All(secrets, p => Assert.NotNull(document.ValueOf(p)));

        var masked = StructuralMasker.Apply("conf/worker/deployment.yaml", moved);
        Assert.DoesNotContain("sp.admin.password", masked);
        Assert.DoesNotContain("sp.db.password", masked);
        Assert.Contains("      username: admin", masked);
    }

    [Fact]
    public void The_structural_masker_hides_a_password_that_opens_a_sequence_item()
    {
        const string text = "resourceManagers:\n  - password: s3cret-1\n    host: 10.77.0.11\n  - host: 10.77.0.12\n    password: s3cret-2\n";
        var masked = StructuralMasker.Apply("deployment.yaml", text);
        Assert.DoesNotContain("s3cret", masked);
        Assert.Contains("  - password: " + SecretMasker.Mask + "\n", masked);
        Assert.Contains("    host: 10.77.0.11", masked);
    }

    [Fact]
    public void Taking_the_credentials_away_removes_them_from_httpsInterface()
    {
        var withCredentials = SpDeploymentYaml.Render(Stock("worker"), Worker(SpNodeRole.Worker, new SpApiCredentials("admin", "x")), "worker");
        Assert.Contains("    username: admin", withCredentials);
        var without = SpDeploymentYaml.Render(withCredentials, Worker(), "worker");
        Assert.Equal(SpDeploymentYaml.Render(Stock("worker"), Worker(), "worker"), without);
    }

    [Fact]
    public void A_worker_without_managers_is_refused_naming_the_node_and_every_problem()
    {
        var settings = new SpNodeSettings("wrk3", "wso2-sp", SpNodeRole.ReceiverWorker, new SpEndpoint("localhost", 9443),
            new SpDatabase("jdbc:h2:/tmp/x", "sp", DbPassword, Driver), new SpDatabase(MgtUrl, "sp", "", Driver));
        var error = Assert.Throws<InputException>(() => SpDeploymentYaml.Render(Stock("worker"), settings, "worker"));
        Assert.Equal(InputErrorKind.ParameterInvalid, error.Kind);
        Assert.Equal("wrk3", error.Target);
        Assert.StartsWith("node wrk3 (ReceiverWorker): cannot render conf/worker/deployment.yaml:", error.Message);
        Assert.Contains("resourceManagers", error.Message);
        Assert.Contains("stock 'wso2-sp'", error.Message);
        Assert.Contains("'localhost' is not an address", error.Message);
        Assert.Contains("cluster database (WSO2_CLUSTER_DB) URL must be a jdbc:mysql://", error.Message);
        Assert.Contains("management database (SP_MGT_DB) has no password reference", error.Message);
        Assert.DoesNotContain("jdbc:h2:/tmp/x", error.Message);
    }

    [Fact]
    public void A_manager_without_messaging_or_with_minResourceCount_0_is_refused()
    {
        var settings = new SpNodeSettings("mgr2", "sp-mgr-2", SpNodeRole.Manager, new SpEndpoint("10.77.0.12", 9543),
            new SpDatabase(ClusterUrl, "sp", DbPassword, Driver), new SpDatabase(MgtUrl, "sp", DbPassword, Driver), minResourceCount: 0);
        var problems = SpDeploymentYaml.Problems(settings);
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("messaging layer"));
        Assert.Contains(problems, p => p.Contains("minResourceCount is 0"));
        Assert.Empty(SpDeploymentYaml.Problems(Manager()));
        Assert.Empty(SpDeploymentYaml.Problems(Worker()));
    }

    [Fact]
    public void A_file_without_the_datasource_its_role_needs_is_refused_with_file_and_line()
    {
        // The worker's file rendered as a manager: it has no SP_MGT_DB, which cluster.config and deployment.config would name.
        var stock = Stock("worker");
        var error = Assert.Throws<YamlTextException>(() => SpDeploymentYaml.Render(stock, Manager(), "conf/worker/deployment.yaml"));
        Assert.Equal("conf/worker/deployment.yaml", error.SourceName);
        Assert.Equal(stock.Split('\n').ToList().IndexOf("  dataSources:") + 1, error.Line);
        Assert.Contains("'SP_MGT_DB'", error.Message);

        var dashboard = Assert.Throws<YamlTextException>(() => SpDeploymentYaml.Render("foo: 1\n", Worker(), "x.yaml"));
        Assert.Contains("wso2.carbon", dashboard.Message);
    }

    [Fact]
    public void A_worker_file_already_in_ha_mode_is_refused_rather_than_mixed()
    {
        var ha = Stock("worker") + "deployment.config:\n  type: ha\n";
        var error = Assert.Throws<YamlTextException>(() => SpDeploymentYaml.Render(ha, Worker(), "worker"));
        Assert.Contains("type 'ha'", error.Message);
        Assert.Equal(ha.Split('\n').Length - 1, error.Line);
    }

    private static (string[] Removed, string[] Added) LineDiff(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var removed = new List<string>();
        var added = new List<string>();
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y]) { x++; y++; }
            else if (lcs[x + 1, y] >= lcs[x, y + 1]) removed.Add(a[x++]);
            else added.Add(b[y++]);
        }
        removed.AddRange(a.Skip(x));
        added.AddRange(b.Skip(y));
        return (removed.ToArray(), added.ToArray());
    }

    private static YamlMappingNode Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Datasource(YamlMappingNode root, string name)
    {
        var list = (YamlSequenceNode)((YamlMappingNode)root.Children[new YamlScalarNode("wso2.datasources")]).Children[new YamlScalarNode("dataSources")];
        var item = list.Children.Cast<YamlMappingNode>().Single(d => Scalar(d, "name") == name);
        return (YamlMappingNode)((YamlMappingNode)item.Children[new YamlScalarNode("definition")]).Children[new YamlScalarNode("configuration")];
    }

    private static string? Scalar(YamlMappingNode root, params string[] keys)
    {
        YamlNode node = root;
        foreach (var key in keys)
            node = node is YamlSequenceNode seq ? seq.Children[int.Parse(key)] : ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        return ((YamlScalarNode)node).Value;
    }
}
