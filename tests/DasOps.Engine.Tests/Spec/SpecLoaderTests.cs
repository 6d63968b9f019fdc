using System.Linq;
using DasOps.Engine.Spec;
using DasOps.Engine.Tests.Support;
using Xunit;

namespace DasOps.Engine.Tests.Spec;

public class SpecLoaderTests
{
    [Fact]
    public void Loads_every_field_of_the_fully_distributed_example()
    {
        var spec = SpecLoader.Load(Specs.FullyDistributed, "fd.yaml");
        Assert.Equal(Product.Das, spec.Product);
        Assert.Equal(Pattern.FullyDistributed, spec.Pattern);
        Assert.Equal(8, spec.Nodes.Count);
        Assert.Equal("das_user", spec.Database.Names.UserDb);
        Assert.Equal("regdb", spec.Database.Names.RegDb);
        Assert.Equal(new[] { "rcv1" }, spec.DepSync!.Committers);
        Assert.True(spec.FindNode("ana1")!.RedHat);
        Assert.Equal(new[] { NodeRole.Analyzer }, spec.FindNode("ana2")!.Roles);
        Assert.Equal("/srv/das", spec.HomeOf(spec.Nodes[0]));
        Assert.True(spec.Cep.Persistence);
        Assert.Empty(SpecValidator.Validate(spec));
    }

    [Fact]
    public void Saving_and_loading_gives_the_same_spec()
    {
        foreach (var text in new[] { Specs.MinimumHa, Specs.FullyDistributed })
        {
            var first = SpecLoader.Load(text, "a.yaml");
            var yaml = SpecWriter.ToYaml(first);
            var second = SpecLoader.Load(yaml, "b.yaml");
            Assert.Equal(yaml, SpecWriter.ToYaml(second));
            Assert.Equal(first.Nodes.Select(n => n.ToString()), second.Nodes.Select(n => n.ToString()));
            Assert.Equal(first.DepSync!.SvnUrl, second.DepSync!.SvnUrl);
            Assert.Equal(first.Database.Names.UserDb, second.Database.Names.UserDb);
        }
    }

    [Fact]
    public void A_saved_spec_never_contains_a_secret_only_env_names()
    {
        var yaml = SpecWriter.ToYaml(SpecLoader.Load(Specs.MinimumHa, "a.yaml"));
        Assert.Contains("passwordEnv: DASOPS_DB_PASSWORD", yaml);
        Assert.Contains("adminPasswordEnv: DASOPS_DB_ADMIN_PASSWORD", yaml);
        Assert.DoesNotContain("password:", yaml);
    }

    [Fact]
    public void Is_analytics_nodes_default_to_port_offset_one_like_its_carbon_xml()
    {
        var spec = SpecLoader.Load(Specs.MinimumHa, "a.yaml");
        Assert.Equal(1, spec.PortOffsetOf(spec.Nodes[0]));
        spec.Product = Product.Das;
        Assert.Equal(0, spec.PortOffsetOf(spec.Nodes[0]));
    }

    [Fact]
    public void Scaffold_parses_node_arguments_with_roles_and_ipv6()
    {
        var spec = ClusterScaffold.Create(new ScaffoldOptions
        {
            Pattern = Pattern.FullyDistributed,
            Nodes = new[] { "r1=10.0.0.1:Receiver", "a1=[fd00::5]:Analyzer", "d1=dash.example.com:Dashboard" },
            Database = "db.example.com:3307",
            Home = "/opt/das",
            SshUser = "ops",
        });
        Assert.Equal(new[] { NodeRole.Receiver }, spec.Nodes[0].Roles);
        Assert.Equal("fd00::5", spec.Nodes[1].Host);
        Assert.Equal("dash.example.com", spec.Nodes[2].Host);
        Assert.Equal(3307, spec.Database.Port);
        Assert.Equal("ops", spec.SshUserOf(spec.Nodes[0]));
        Assert.Throws<DasOps.Engine.Diagnostics.InputException>(() => ClusterScaffold.ParseNode("r1=10.0.0.1:Reciever"));
        Assert.Throws<DasOps.Engine.Diagnostics.InputException>(() => ClusterScaffold.ParseNode("r1"));
    }
}
