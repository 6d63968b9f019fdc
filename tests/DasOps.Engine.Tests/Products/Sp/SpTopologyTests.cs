using System.IO;
using System.Linq;
using DasOps.Engine.Products.Sp;
using DasOps.Engine.Spec;
using DasOps.Engine.Tests.Support;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace DasOps.Engine.Tests.Products.Sp;

/// <summary>The shipped SP example, mapped onto each node's settings and rendered onto the real stock files.</summary>
public sealed class SpTopologyTests
{
    private static ClusterSpec Example() => SpecLoader.LoadFile(Path.Combine(RepoPaths.Root, "examples", "sp-distributed.yaml"));

    private static YamlMappingNode Render(ClusterSpec spec, string nodeName, string password = "s3cret<&\"'$;")
    {
        var topology = new SpTopology(spec);
        var node = spec.FindNode(nodeName)!;
        var settings = topology.SettingsOf(node, password);
        var stock = File.ReadAllText(Path.Combine(RepoPaths.SpStock, "conf", topology.RuntimeOf(node), "deployment.yaml"));
        var yaml = new YamlStream();
        yaml.Load(new StringReader(SpDeploymentYaml.Render(stock, settings, SpDeploymentYaml.RelativePath(settings))));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static string At(YamlNode root, params string[] path)
    {
        var node = root;
        foreach (var key in path)
            node = int.TryParse(key, out var i) ? ((YamlSequenceNode)node).Children[i] : ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        return ((YamlScalarNode)node).Value!;
    }

    [Fact]
    public void Roles_runtimes_and_ports_follow_the_spec()
    {
        var spec = Example();
        var topology = new SpTopology(spec);

        Assert.Equal(new[] { "mgr1", "mgr2" }, topology.Managers.Select(n => n.Name));
        Assert.Equal(new[] { "wrk1", "wrk2", "rcv1" }, topology.Workers.Select(n => n.Name));
        Assert.Equal("manager", topology.RuntimeOf(spec.FindNode("mgr2")!));
        Assert.Equal("worker", topology.RuntimeOf(spec.FindNode("rcv1")!));
        Assert.Equal("10.77.0.11:9543", topology.HttpsInterfaceOf(spec.FindNode("mgr1")!).ToString());
        Assert.Equal("10.77.0.13:9443", topology.HttpsInterfaceOf(spec.FindNode("wrk1")!).ToString());
    }

    [Fact]
    public void A_manager_gets_its_own_id_address_database_and_kafka()
    {
        var root = Render(Example(), "mgr2");

        Assert.Equal("mgr2", At(root, "wso2.carbon", "id"));
        Assert.Equal("true", At(root, "cluster.config", "enabled"));
        Assert.Equal("10.77.0.12", At(root, "deployment.config", "httpsInterface", "host"));
        Assert.Equal("9543", At(root, "deployment.config", "httpsInterface", "port"));
        Assert.Equal("1", At(root, "deployment.config", "minResourceCount"));
        Assert.Equal("10.77.0.10:9092", At(root, "deployment.config", "bootstrapURLs"));
        Assert.Equal("10.77.0.10:2181", At(root, "deployment.config", "zooKeeperConfig", "zooKeeperURLs"));
        var mgt = ((YamlSequenceNode)((YamlMappingNode)root.Children[new YamlScalarNode("wso2.datasources")]).Children[new YamlScalarNode("dataSources")])
            .Children.Cast<YamlMappingNode>().Single(d => At(d, "name") == "SP_MGT_DB");
        Assert.StartsWith("jdbc:mysql://10.77.0.10:3306/SP_MGT_DB", At(mgt, "definition", "configuration", "jdbcUrl"));
        Assert.Equal("wso2sp", At(mgt, "definition", "configuration", "username"));
        Assert.Equal("s3cret<&\"'$;", At(mgt, "definition", "configuration", "password"));
    }

    [Fact]
    public void Workers_list_every_manager_and_only_the_receiver_worker_is_a_receiver_node()
    {
        var spec = Example();
        foreach (var name in new[] { "wrk1", "rcv1" })
        {
            var root = Render(spec, name);
            Assert.Equal(name, At(root, "wso2.carbon", "id"));
            Assert.Equal("distributed", At(root, "deployment.config", "type"));
            Assert.Equal(spec.FindNode(name)!.Host, At(root, "deployment.config", "httpsInterface", "host"));
            Assert.Equal(new[] { "10.77.0.11:9543", "10.77.0.12:9543" },
                ((YamlSequenceNode)((YamlMappingNode)root.Children[new YamlScalarNode("deployment.config")]).Children[new YamlScalarNode("resourceManagers")])
                .Children.Select(m => At(m, "host") + ":" + At(m, "port")));
            Assert.Equal(name == "rcv1" ? "true" : "false", At(root, "deployment.config", "isReceiverNode"));
        }
    }
}
