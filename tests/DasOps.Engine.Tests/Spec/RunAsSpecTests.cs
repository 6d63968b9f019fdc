using System.Linq;
using DasOps.Engine.Spec;
using Xunit;

namespace DasOps.Engine.Tests.Spec;

/// <summary>runAs (defaults and per node): the user the product runs as, a login name, pointed at by file:line:column when not.</summary>
public class RunAsSpecTests
{
    private const string Head = "name: c\nproduct: Das\npattern: MinimumHa\ndatabase: {host: 10.0.0.10}\n";

    [Fact]
    public void A_node_takes_its_own_runAs_then_the_default_then_none()
    {
        var spec = SpecLoader.Load(Head + "defaults: {runAs: wso2}\nnodes:\n  - {name: n1, host: 10.0.0.11, runAs: das}\n  - {name: n2, host: 10.0.0.12}\n", "c.yaml");
        Assert.Equal("das", spec.RunAsOf(spec.Nodes[0]));
        Assert.Equal("wso2", spec.RunAsOf(spec.Nodes[1]));
        Assert.Null(SpecLoader.Load(Head + "nodes:\n  - {name: n1, host: 10.0.0.11}\n  - {name: n2, host: 10.0.0.12}\n", "c.yaml").RunAsOf(spec.Nodes[1]));
        Assert.Contains("runAs: das", SpecWriter.ToYaml(spec));
    }

    [Theory]
    [InlineData("root;reboot")]
    [InlineData("-u0")]
    [InlineData("wso2 das")]
    public void A_runAs_that_is_not_a_login_name_is_refused_at_its_line_and_column(string user)
    {
        var node = SpecLoader.LoadAndValidate(Head + $"nodes:\n  - name: n1\n    host: 10.0.0.11\n    runAs: \"{user}\"\n  - {{name: n2, host: 10.0.0.12}}\n", "c.yaml", out _);
        var error = Assert.Single(node);
        Assert.Equal("InvalidUserName", error.Code);
        Assert.Equal((8, 12), (error.Location.Line, error.Location.Column));
        Assert.Contains("runAs", error.Message);
        Assert.Contains("c.yaml:8:12", error.ToString());

        var defaults = Assert.Single(SpecLoader.LoadAndValidate(Head + $"defaults:\n  runAs: \"{user}\"\nnodes:\n  - {{name: n1, host: 10.0.0.11}}\n  - {{name: n2, host: 10.0.0.12}}\n", "c.yaml", out _));
        Assert.Equal("InvalidUserName", defaults.Code);
        Assert.Equal((6, 10), (defaults.Location.Line, defaults.Location.Column));
    }
}
