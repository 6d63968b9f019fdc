using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Planning;
using DasOps.Engine.Products;
using DasOps.Engine.Products.Das;
using DasOps.Engine.Publishing;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;
using DasOps.Engine.Tests.Support;
using Xunit;

namespace DasOps.Engine.Tests.Products;

/// <summary>
/// The engine reaches DAS only through <see cref="IProduct"/>: the catalog picks it from spec.Product, and what it
/// answers (script, arguments, pid file, log, waves, roles, lib directory) is what the engine did before the seam.
/// </summary>
public sealed class ProductSeamTests
{
    private static ClusterSpec Load(string yaml) => SpecLoader.Load(yaml, "spec.yaml");

    [Fact]
    public void Das_and_IsAnalytics_specs_get_the_DAS_product()
    {
        Assert.IsType<DasProduct>(ProductCatalog.For(Load(Specs.FullyDistributed)));
        Assert.IsType<DasProduct>(ProductCatalog.For(Load(Specs.MinimumHa)));
    }

    [Fact]
    public void A_StreamProcessor_spec_gets_the_SP_product_and_a_DAS_only_operation_refuses_it_by_name()
    {
        var spec = Load(Specs.FullyDistributed);
        spec.Product = Product.StreamProcessor;

        Assert.IsType<Engine.Products.Sp.SpProduct>(ProductCatalog.For(spec));
        var e = Assert.Throws<NotSupportedException>(() => DasProduct.Of(spec));
        Assert.Contains("StreamProcessor", e.Message);
        Assert.Contains("das-prod", e.Message);
    }

    [Fact]
    public void The_DAS_launcher_starts_wso2server_sh_with_the_profile_flag_and_port_offset()
    {
        var spec = Load(Specs.FullyDistributed);
        var launcher = ProductCatalog.For(spec).Launcher;
        var rcv1 = spec.FindNode("rcv1")!;

        Assert.Equal("bin/wso2server.sh", launcher.ScriptOf(rcv1));
        Assert.Equal(new[] { "-receiverNode", "-DportOffset=0", "start" }, launcher.ArgumentsOf(rcv1, "start"));
        Assert.Equal("wso2carbon.pid", launcher.PidFileOf(rcv1));
        Assert.Equal("repository/logs/wso2carbon.log", launcher.LogFileOf(rcv1));
        Assert.Equal(9443, launcher.HttpsPortOf(rcv1));
        var lifecycle = new NodeLifecycle(spec, rcv1, new LocalShell("rcv1"), SilentReporter.Instance);
        Assert.Equal(new[] { "sh", "/srv/das/bin/wso2server.sh", "-receiverNode", "-DportOffset=0", "start" }, lifecycle.StartArguments("start"));
    }

    [Fact]
    public void IS_Analytics_minimum_HA_starts_without_a_profile_and_with_offset_1()
    {
        var spec = Load(Specs.MinimumHa);
        var product = ProductCatalog.For(spec);
        var node1 = spec.FindNode("node1")!;

        Assert.Equal(new[] { "-DportOffset=1", "start" }, product.Launcher.ArgumentsOf(node1, "start"));
        Assert.Equal(9444, product.Launcher.HttpsPortOf(node1));
        Assert.Equal(DasTopology.DefaultProfile, product.Topology.RoleOf(node1));
    }

    [Fact]
    public void Fully_distributed_waves_start_one_WKA_member_of_each_cluster_first_and_dashboards_last()
    {
        var spec = Load(Specs.FullyDistributed);

        var waves = ProductCatalog.For(spec).Topology.StartWavesOf(spec.Nodes).Select(w => string.Join(",", w.Select(n => n.Name))).ToList();

        Assert.Equal(new[] { "idx1,ana1", "idx2,rcv1,rcv2,ana2", "dsh1,dsh2" }, waves);
    }

    [Fact]
    public void The_driver_jar_goes_to_the_products_lib_directory()
    {
        var spec = Load(Specs.FullyDistributed.Replace("database:\n", "jdbcDriver: drivers/mysql-connector-java-5.1.49.jar\ndatabase:\n"));

        Assert.Equal("repository/components/lib", ProductCatalog.For(spec).LibDirectory);
        Assert.Null(ProductCatalog.For(spec).JarToBundleScript);
        Assert.Contains("repository/components/lib/mysql-connector-java-5.1.49.jar", DasOps.Engine.Planning.Library.LibraryJars.PossiblePathsOf(spec));
    }

    [Fact]
    public void A_Storm_only_node_is_not_managed_and_naming_it_says_why()
    {
        var spec = Load(Specs.FullyDistributed + "  - { name: storm1, host: 10.77.0.19, roles: [Storm] }\n");
        var topology = ProductCatalog.For(spec).Topology;

        Assert.DoesNotContain(topology.ManagedNodes, n => n.Name == "storm1");
        Assert.Equal(8, topology.ManagedNodes.Count);
        var e = Assert.Throws<InputException>(() => NodeSelection.Resolve(spec, new[] { "storm1" }));
        Assert.Contains("node 'storm1' runs only Storm", e.Message);
    }

    [Fact]
    public async Task Lifecycle_still_ends_on_cancellation_instead_of_reporting_nodes_failed()
    {
        var spec = Load(Specs.MinimumHa);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var lifecycle = new ClusterLifecycle(spec, n => new LocalShell(n.Name));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lifecycle.StartAsync(spec.Nodes, cancelled.Token));
    }
}
