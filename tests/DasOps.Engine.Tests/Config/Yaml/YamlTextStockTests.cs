using System.Collections.Generic;
using System.IO;
using System.Linq;
using DasOps.Engine.Config.Yaml;
using DasOps.Engine.Tests.Support;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace DasOps.Engine.Tests.Config.Yaml;

/// <summary>The editor against SP 4.4.0's own deployment.yaml files, checked with YamlDotNet as an independent reader.</summary>
public sealed class YamlTextStockTests
{
    public static IEnumerable<object[]> StockFiles() =>
        new[] { "manager", "worker", "dashboard", "editor" }.Select(r => new object[] { r });

    private static string Stock(string runtime) => File.ReadAllText(Path.Combine(RepoPaths.SpStock, "conf", runtime, "deployment.yaml"));

    [Theory]
    [MemberData(nameof(StockFiles))]
    public void Every_stock_file_reads_and_writes_back_byte_for_byte(string runtime)
    {
        var text = Stock(runtime);
        Assert.Equal(text, YamlTextDocument.Parse(text, runtime).ToString());
    }

    [Theory]
    [MemberData(nameof(StockFiles))]
    public void The_entries_found_are_the_ones_YamlDotNet_reads(string runtime)
    {
        var text = Stock(runtime);
        var document = YamlTextDocument.Parse(text, runtime);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var compared = Compare(document, (YamlMappingNode)stream.Documents[0].RootNode, "");
        Assert.True(compared > 50, $"only {compared} scalars compared");
    }

    [Fact]
    public void A_manager_made_distributed_changes_only_the_lines_it_names_and_keeps_their_comments()
    {
        var stock = Stock("manager");
        var document = YamlTextDocument.Parse(stock, "manager");
        document.SetScalar("wso2.carbon/id", "sp-mgr-1");
        document.SetScalar("cluster.config/enabled", true);
        document.SetScalar("cluster.config/strategyConfig/datasource", "WSO2_CLUSTER_DB");
        document.Merge("deployment.config", new YamlMap
        {
            { "httpsInterface", new YamlMap { { "host", "10.77.0.11" }, { "port", 9543 } } },
            { "minResourceCount", 2 },
            { "bootstrapURLs", "10.77.0.21:9092,10.77.0.22:9092" },
            { "zooKeeperConfig", new YamlMap { { "zooKeeperURLs", "10.77.0.21:2181" } } },
        });
        document.SetScalar("wso2.datasources/dataSources[name=SP_MGT_DB]/definition/configuration/jdbcUrl",
            "jdbc:mysql://10.77.0.10:3306/SP_MGT_DB?useSSL=false");
        var edited = document.ToString();

        var changed = LineDiff(stock, edited);
        Assert.Equal(new[]
        {
            "  id: sp-mgr-1",
            "        jdbcUrl: 'jdbc:mysql://10.77.0.10:3306/SP_MGT_DB?useSSL=false'",
            "  enabled: true",
            "    datasource: WSO2_CLUSTER_DB     # define a mysql datasource configured to the shared database",
            "    host: 10.77.0.11",
            "  minResourceCount: 2",
            "  bootstrapURLs: 10.77.0.21:9092,10.77.0.22:9092   # kafka urls",
            "    zooKeeperURLs: 10.77.0.21:2181   # zookeeper urls",
        }, changed);

        var root = Load(edited);
        Assert.Equal("10.77.0.11", Scalar(root, "deployment.config", "httpsInterface", "host"));
        Assert.Equal("9543", Scalar(root, "deployment.config", "httpsInterface", "port"));
        Assert.Equal("true", Scalar(root, "cluster.config", "enabled"));
    }

    [Fact]
    public void A_worker_gets_a_deployment_block_it_did_not_have_and_a_second_render_is_identical()
    {
        var stock = Stock("worker");
        string Render(string text)
        {
            var document = YamlTextDocument.Parse(text, "worker");
            document.SetScalar("wso2.carbon/id", "sp-wrk-1");
            document.Merge("deployment.config", new YamlMap
            {
                { "type", "distributed" },
                { "isReceiverNode", false },
                { "httpsInterface", new YamlMap { { "host", "10.77.0.13" }, { "port", 9443 } } },
                { "leaderRetryInterval", 10000 },
                { "resourceManagers", new List<object>
                    {
                        new YamlMap { { "host", "10.77.0.11" }, { "port", 9543 } },
                        new YamlMap { { "host", "10.77.0.12" }, { "port", 9543 } },
                    } },
            });
            return document.ToString();
        }

        var once = Render(stock);
        Assert.Equal(once, Render(once));
        Assert.StartsWith(stock.Substring(0, stock.IndexOf("  id: wso2-sp")), once);
        Assert.Contains("#deployment.config:", once);    // the stock's commented sample stays

        var root = Load(once);
        var managers = (YamlSequenceNode)((YamlMappingNode)root.Children[new YamlScalarNode("deployment.config")]).Children[new YamlScalarNode("resourceManagers")];
        Assert.Equal(new[] { "10.77.0.11", "10.77.0.12" },
            managers.Children.Select(m => ((YamlScalarNode)((YamlMappingNode)m).Children[new YamlScalarNode("host")]).Value));
        Assert.Equal("false", Scalar(root, "deployment.config", "isReceiverNode"));
        Assert.Equal("sp-wrk-1", Scalar(root, "wso2.carbon", "id"));
    }

    [Fact]
    public void Messaging_switched_to_NATS_removes_the_kafka_entries_and_nothing_else()
    {
        var stock = Stock("manager");
        var document = YamlTextDocument.Parse(stock, "manager");
        document.Remove("deployment.config/bootstrapURLs");
        document.Remove("deployment.config/zooKeeperConfig");
        var edited = document.ToString();
        Assert.Equal(stock.Split('\n').Length - 5, edited.Split('\n').Length);
        Assert.DoesNotContain("zooKeeperURLs", edited);
        Assert.Equal("SP_MGT_DB", Scalar(Load(edited), "deployment.config", "datasource"));
    }

    private static int Compare(YamlTextDocument document, YamlNode node, string path)
    {
        var compared = 0;
        if (document.ValueOf(path)?.StartsWith("*") == true)
            return 0;    // an alias: YamlDotNet gives the anchored node, the text holds the reference
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var pair in map.Children)
                {
                    var key = ((YamlScalarNode)pair.Key).Value!;
                    var childPath = path.Length == 0 ? key : path + "/" + key;
                    Assert.True(document.Find(childPath) != null, $"{childPath} not found");
                    compared += Compare(document, pair.Value, childPath);
                }
                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                    compared += Compare(document, sequence.Children[i], $"{path}[{i}]");
                Assert.Null(document.Find($"{path}[{sequence.Children.Count}]"));
                break;
            case YamlScalarNode scalar when document.Find(path)?.HasInlineValue == true:
                Assert.Equal(scalar.Value, document.ValueOf(path));
                compared++;
                break;
        }
        return compared;
    }

    private static YamlMappingNode Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string? Scalar(YamlMappingNode root, params string[] keys)
    {
        YamlNode node = root;
        foreach (var key in keys) node = ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        return ((YamlScalarNode)node).Value;
    }

    /// <summary>The lines of <paramref name="after"/> that are not at the same place in <paramref name="before"/> (same line count).</summary>
    private static string[] LineDiff(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        Assert.Equal(a.Length, b.Length);
        return b.Where((line, i) => line != a[i]).ToArray();
    }
}
