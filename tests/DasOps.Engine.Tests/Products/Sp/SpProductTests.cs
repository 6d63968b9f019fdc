using System;
using System.IO;
using System.Linq;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Planning;
using DasOps.Engine.Planning.Library;
using DasOps.Engine.Products;
using DasOps.Engine.Products.Sp;
using DasOps.Engine.Secrets;
using DasOps.Engine.Spec;
using DasOps.Engine.Tests.Support;
using Xunit;

namespace DasOps.Engine.Tests.Products.Sp;

/// <summary>The SP product behind the engine's seam: chosen from the spec, its launcher and readiness, and a full render.</summary>
public sealed class SpProductTests : IDisposable
{
    private const string Password = "s3cr<t&\"'$;";
    private readonly string _dir = Directory.CreateTempSubdirectory("dasops-sp-product-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ClusterSpec Example()
    {
        var text = string.Join("\n", File.ReadAllLines(Path.Combine(RepoPaths.Root, "examples", "sp-distributed.yaml")).Where(l => !l.StartsWith("jdbcDriver:", StringComparison.Ordinal)));
        return SpecLoader.Load(text, "sp-distributed.yaml");
    }

    [Fact]
    public void The_catalog_chooses_the_sp_product_and_it_starts_managers_before_workers()
    {
        var spec = Example();
        var product = ProductCatalog.For(spec);

        Assert.IsType<SpProduct>(product);
        var waves = product.Topology.StartWavesOf(spec.Nodes.AsEnumerable().Reverse());
        Assert.Equal(new[] { new[] { "mgr2", "mgr1" }, new[] { "rcv1", "wrk2", "wrk1" } }, waves.Select(w => w.Select(n => n.Name).ToArray()));
        Assert.Equal("ReceiverWorker", product.Topology.RoleOf(spec.FindNode("rcv1")!));
    }

    [Fact]
    public void Managers_and_workers_launch_through_their_own_script_pid_file_and_log()
    {
        var spec = Example();
        var launcher = ProductCatalog.For(spec).Launcher;
        var manager = spec.FindNode("mgr1")!;
        var worker = spec.FindNode("wrk1")!;

        Assert.Equal(("bin/manager.sh", "wso2/manager/runtime.pid", "wso2/manager/logs/carbon.log", 9543),
            (launcher.ScriptOf(manager), launcher.PidFileOf(manager), launcher.LogFileOf(manager), launcher.HttpsPortOf(manager)));
        Assert.Equal(("bin/worker.sh", "wso2/worker/runtime.pid", "wso2/worker/logs/carbon.log", 9443),
            (launcher.ScriptOf(worker), launcher.PidFileOf(worker), launcher.LogFileOf(worker), launcher.HttpsPortOf(worker)));
        Assert.Equal(new[] { "start" }, launcher.ArgumentsOf(worker, "start"));
    }

    [Fact]
    public void A_worker_is_ready_only_once_the_leader_took_it_into_its_pool()
    {
        var spec = Example();
        var product = ProductCatalog.For(spec);
        const string started = "[2026-12-07 05:00:01,000]  INFO {org.wso2.carbon.kernel.internal.CarbonStartupHandler} - WSO2 Stream Processor started in 4.211 sec";
        const string joined = "[2026-12-07 05:00:02,000]  INFO {HeartbeatSender} - Successfully connected to leader node ManagerNode { id: mgr1, host: 10.77.0.11, port: 9543 } as a new resource.";
        NodeRuntime Runtime(bool alive, int port, params string[] lines) => new NodeRuntime(4242, alive, 1000, lines, new[] { port }, null, "/opt/wso2sp-4.4.0");

        Assert.True(product.IsReady(spec.FindNode("mgr1")!, Runtime(true, 9543, started)));
        Assert.False(product.IsReady(spec.FindNode("mgr1")!, Runtime(true, 9443, started)));
        Assert.True(product.IsReady(spec.FindNode("wrk1")!, Runtime(true, 9443, started, joined)));
        Assert.False(product.IsReady(spec.FindNode("wrk1")!, Runtime(false, 9443, started, joined)));
        // A heartbeat that failed keeps it out until a join follows; none at all is the leader's EXISTS, which SP does not log.
        const string waiting = "[2026-12-07 05:00:01,500]  INFO {HeartbeatSender} - Waiting for the resource pool leader.";
        const string rejected = "[2026-12-07 05:00:01,500] ERROR {HeartbeatSender} - Resource node wrk1 was REJECTED by the leader node ManagerNode { id: mgr1 }";
        Assert.False(product.IsReady(spec.FindNode("wrk1")!, Runtime(true, 9443, started, waiting)));
        Assert.False(product.IsReady(spec.FindNode("wrk1")!, Runtime(true, 9443, started, rejected)));
        Assert.True(product.IsReady(spec.FindNode("wrk1")!, Runtime(true, 9443, waiting, started, joined)));
        Assert.False(product.IsReady(spec.FindNode("wrk1")!, Runtime(true, 9443, started, joined, waiting)));
        Assert.True(product.IsReady(spec.FindNode("wrk1")!, Runtime(true, 9443, started)));
    }

    private string Jar(string name, string? manifest)
    {
        var path = Path.Combine(_dir, name);
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            if (manifest != null)
                using (var w = new StreamWriter(zip.CreateEntry("META-INF/MANIFEST.MF").Open())) w.Write(manifest);
            using (var w = new StreamWriter(zip.CreateEntry("com/mysql/jdbc/Driver.class").Open())) w.Write("not really a class");
        }
        return path;
    }

    [Fact]
    public void A_plain_jdbc_driver_is_converted_on_the_node_for_sp_and_a_bundle_is_copied_into_lib()
    {
        var spec = Example();
        spec.JdbcDriver = Jar("plain-driver.jar", "Manifest-Version: 1.0\r\nCreated-By: hand\r\n");
        var plain = LibraryJars.Read(spec);
        Assert.Empty(plain.Copied);
        Assert.Equal("lib/plain_driver_1.0.0.jar", plain.BundlePathOf(Assert.Single(plain.Converted)));
        Assert.Equal("JDBC driver", plain.Converted[0].Purpose);

        spec.JdbcDriver = Jar("mysql-connector-java-5.1.49.jar", "Manifest-Version: 1.0\r\nBundle-SymbolicName: com.mysql.jdbc\r\nBundle-Version: 5.1.49\r\n");
        var bundle = LibraryJars.Read(spec);
        Assert.Empty(bundle.Converted);
        Assert.Equal("lib/mysql-connector-java-5.1.49.jar", Assert.Single(bundle.Copied).Path);

        var das = SpecLoader.Load(File.ReadAllText(Directory.GetFiles(Path.Combine(RepoPaths.Root, "examples"), "das-*.yaml").First()), "das.yaml");
        das.JdbcDriver = Jar("plain-das.jar", null);
        var dasJars = LibraryJars.Read(das);
        Assert.Empty(dasJars.Converted);
        Assert.Equal("repository/components/lib/plain-das.jar", Assert.Single(dasJars.Copied).Path);
    }

    [Fact]
    public void Rendering_onto_the_stock_tree_writes_one_deployment_yaml_per_node_masked_0600_and_a_second_render_changes_nothing()
    {
        var spec = Example();
        var secrets = new ClusterSecrets { DatabasePassword = Password };
        var output = Path.Combine(_dir, "out");

        var plans = StockRenderer.Render(spec, secrets, RepoPaths.SpStock, output);

        Assert.Equal(spec.Nodes.Select(n => n.Name), plans.Select(p => p.Node));
        foreach (var node in spec.Nodes)
        {
            var runtime = node.SpRole == SpNodeRole.Manager ? "manager" : "worker";
            var plan = plans.Single(p => p.Node == node.Name);
            var file = Assert.Single(plan.Files);
            Assert.Equal($"conf/{runtime}/deployment.yaml", file.Path);
            Assert.Equal(FileChange.Modified, file.Change);
            Assert.DoesNotContain("s3cr", file.Diff);
            var written = Path.Combine(output, node.Name, file.Path);
            Assert.Contains("password: 's3cr<t&\"''$;'", File.ReadAllText(written), StringComparison.Ordinal);   // YAML single quotes: ' doubled
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(written));
        }

        foreach (var node in spec.Nodes)
        {
            // The node's rendered file over a copy of the stock tree is what the node has after an apply.
            var home = Path.Combine(_dir, "home-" + node.Name);
            foreach (var f in Directory.GetFiles(RepoPaths.SpStock, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(home, Path.GetRelativePath(RepoPaths.SpStock, f));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(f, target);
            }
            var rendered = plans.Single(p => p.Node == node.Name).Files.Single().Path;
            File.Copy(Path.Combine(output, node.Name, rendered), Path.Combine(home, rendered), overwrite: true);
            var again = StockRenderer.Render(spec, secrets, home, Path.Combine(_dir, "again-" + node.Name));
            Assert.All(again.Single(p => p.Node == node.Name).Files, f => Assert.Equal(FileChange.Unchanged, f.Change));
        }
    }
}
