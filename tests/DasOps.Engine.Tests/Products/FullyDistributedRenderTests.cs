using System.Linq;
using System.Xml;
using DasOps.Engine.Tests.Support;
using Xunit;

namespace DasOps.Engine.Tests.Products;

/// <summary>Seeds 000-002 (DAS fully distributed HA, 8 nodes) rendered over the real DAS 3.2.0 stock.</summary>
public class FullyDistributedRenderTests : System.IDisposable
{
    private const string Axis2 = "repository/conf/axis2/axis2.xml";
    private const string Ep = "repository/conf/event-processor.xml";
    private const string Spark = "repository/conf/analytics/spark/spark-defaults.conf";
    private readonly Rendered _r = Rendered.From(Specs.FullyDistributed, RepoPaths.DasStock);

    public void Dispose() => _r.Dispose();

    private string[] Members(string node) =>
        _r.Xml(node, Axis2).SelectNodes("/axisconfig/clustering/members/member")!.Cast<XmlNode>()
            .Select(m => m["hostName"]!.InnerText).ToArray();

    [Fact]
    public void Analyzers_list_only_analyzers_as_wka_members()
    {
        foreach (var node in new[] { "ana1", "ana2" })
            Assert.Equal(new[] { "10.77.0.15", "10.77.0.16" }, Members(node));
    }

    [Fact]
    public void Other_nodes_list_the_indexers_and_receivers()
    {
        foreach (var node in new[] { "rcv1", "rcv2", "idx1", "idx2", "dsh1", "dsh2" })
            Assert.Equal(new[] { "10.77.0.13", "10.77.0.14", "10.77.0.11", "10.77.0.12" }, Members(node));
    }

    [Fact]
    public void Every_node_advertises_its_own_address_to_hazelcast_and_cep()
    {
        foreach (var node in _r.Spec.Nodes)
        {
            Assert.Equal(node.Host, _r.Value(node.Name, Axis2, "/axisconfig/clustering/parameter[@name='localMemberHost']"));
            Assert.Equal(node.Host, _r.Value(node.Name, Ep, "//mode[@name='HA']/eventSync/hostName"));
            Assert.Equal(node.Host, _r.Value(node.Name, Ep, "//mode[@name='HA']/management/hostName"));
            Assert.Equal("HA", _r.Value(node.Name, Ep, "(/eventProcessorConfiguration/mode[@enable='true'])[1]/@name"));
            Assert.Equal("true", _r.Value(node.Name, Ep, "//mode[@name='HA']/persistence/@enable"));
        }
    }

    [Fact]
    public void Dashboards_are_presenters_and_the_others_send_presentation_events_to_the_first()
    {
        foreach (var node in new[] { "dsh1", "dsh2" })
        {
            Assert.Equal("true", _r.Value(node, Ep, "//mode[@name='HA']/nodeType/presenter/@enable"));
            Assert.Equal("false", _r.Value(node, Ep, "//mode[@name='HA']/nodeType/worker/@enable"));
        }
        Assert.Equal("10.77.0.18", _r.Value("dsh2", Ep, "//mode[@name='HA']/presentation/hostName"));
        foreach (var node in new[] { "rcv1", "idx1", "ana2" })
        {
            Assert.Equal("false", _r.Value(node, Ep, "//mode[@name='HA']/nodeType/presenter/@enable"));
            Assert.Equal("10.77.0.17", _r.Value(node, Ep, "//mode[@name='HA']/presentation/hostName"));
        }
    }

    [Fact]
    public void Only_analyzers_get_spark_settings()
    {
        Assert.Equal("2", _r.Property("ana1", Spark, "carbon.spark.master.count"));
        Assert.Equal("/srv/das-link", _r.Property("ana2", Spark, "carbon.das.symbolic.link"));
        Assert.False(_r.Has("rcv1", Spark));
        Assert.DoesNotContain(_r.Plans.Single(p => p.Node == "dsh1").Files, f => f.Path == Spark);
    }

    [Fact]
    public void The_redhat_analyzer_exports_carbon_home_as_the_symlink_before_the_script_sets_it()
    {
        var script = _r.Text("ana1", "bin/wso2server.sh").Split('\n').ToList();
        var export = script.IndexOf("export CARBON_HOME='/srv/das-link'");
        var anchor = script.IndexOf("# Only set CARBON_HOME if not already set");
        Assert.True(export > 0 && export < anchor, "the export must precede the script's own CARBON_HOME default");
        Assert.DoesNotContain("export CARBON_HOME='/srv/das-link'", _r.Text("ana2", "bin/wso2server.sh"));
        Assert.DoesNotContain("DasOps managed", _r.Text("ana2", "bin/wso2server.sh"));
    }

    [Fact]
    public void Exactly_one_receiver_commits_and_database_name_overrides_apply()
    {
        var committers = _r.Spec.Nodes.Where(n => _r.Value(n.Name, "repository/conf/carbon.xml", "/Server/DeploymentSynchronizer/AutoCommit") == "true")
            .Select(n => n.Name);
        Assert.Equal(new[] { "rcv1" }, committers);
        Assert.Equal("jdbc:mysql://10.77.0.10:3306/das_user",
            _r.Value("idx2", "repository/conf/datasources/master-datasources.xml", "//datasource[name='WSO2UM_DB']/definition/configuration/url"));
        Assert.Equal("0", _r.Value("idx2", "repository/conf/carbon.xml", "/Server/Ports/Offset"));
    }
}
