using System.Collections.Generic;
using System.IO;
using DasOps.Engine.Tests.Support;
using Xunit;

namespace DasOps.Engine.Tests.Cli;

public class CliTests : System.IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dasops-cli").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Theory]
    [InlineData("is-analytics-minimum-ha.yaml", "valid (IsAnalytics MinimumHa, 2 nodes).")]
    [InlineData("das-fully-distributed.yaml", "valid (Das FullyDistributed, 8 nodes).")]
    [InlineData("sp-distributed.yaml", "valid (StreamProcessor Distributed, 5 nodes).")]
    public void The_shipped_examples_validate(string file, string expected)
    {
        var r = DasopsProcess.Run(new[] { "validate", Path.Combine(RepoPaths.Root, "examples", file) });
        Assert.Equal(0, r.ExitCode);
        Assert.EndsWith(expected, r.Out.Trim());
    }

    [Theory]
    [InlineData("--timeout", "0", "--timeout must be more than 0")]
    [InlineData("--node", "nosuch", "nosuch")]
    public void Validate_live_refuses_bad_input_with_exit_2_before_reaching_a_node(string option, string value, string expected)
    {
        var r = DasopsProcess.Run(new[] { "validate", Path.Combine(RepoPaths.Root, "examples", "das-fully-distributed.yaml"), "--live", option, value });
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Err);
        Assert.DoesNotContain("NODE", r.Out);
    }

    [Fact]
    public void Validate_prints_every_error_located_and_exits_2()
    {
        var spec = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(spec, "name: c\ndatabase: {host: 10.0.0.10, names: {regDb: 'reg-db'}}\nnodes:\n  - {name: n1, host: 127.0.0.1, colour: red}\n  - {name: n2, host: 10.0.0.12}\n");
        var r = DasopsProcess.Run(new[] { "validate", spec });
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{spec}:2:44: error InvalidDatabaseName: database name 'reg-db' (regDb)", r.Err);
        Assert.Contains($"{spec}:4:33: error UnknownKey: unknown key 'colour' in node 'n1'.", r.Err);
        Assert.Contains($"{spec}:4:22: error LoopbackInMultiHostCluster", r.Err);
        Assert.Contains("3 error(s) in", r.Err);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void New_scaffolds_a_spec_that_validates_and_refuses_to_overwrite()
    {
        var spec = Path.Combine(_dir, "new.yaml");
        var args = new[] { "new", "--product", "Das", "--pattern", "FullyDistributed", "--database", "10.0.0.10:3307", "--home", "/opt/das", "--ssh-user", "ops", "-o", spec,
            "--node", "r1=10.0.0.11:Receiver", "--node", "r2=10.0.0.12:Receiver", "--node", "i1=10.0.0.13:Indexer", "--node", "i2=10.0.0.14:Indexer",
            "--node", "a1=10.0.0.15:Analyzer", "--node", "a2=10.0.0.16:Analyzer", "--node", "d1=10.0.0.17:Dashboard", "--node", "d2=10.0.0.18:Dashboard" };
        var r = DasopsProcess.Run(args);
        Assert.Equal(0, r.ExitCode);
        var yaml = File.ReadAllText(spec);
        Assert.Contains("port: 3307", yaml);
        Assert.Contains("sshUser: ops", yaml);
        Assert.Contains("roles: [Analyzer]", yaml);
        Assert.Equal(0, DasopsProcess.Run(new[] { "validate", spec }).ExitCode);
        var again = DasopsProcess.Run(args);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("exists; use --force", again.Err);
    }

    [Fact]
    public void New_with_an_invalid_topology_writes_nothing()
    {
        var spec = Path.Combine(_dir, "x.yaml");
        var r = DasopsProcess.Run(new[] { "new", "--pattern", "FullyDistributed", "--database", "10.0.0.10", "--node", "r1=10.0.0.11:Receiver", "-o", spec });
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("<new>: error RoleBelowMinimum", r.Err);
        Assert.False(File.Exists(spec));
    }

    [Fact]
    public void Render_writes_every_managed_file_per_node_and_masks_the_password()
    {
        var spec = Path.Combine(_dir, "ha.yaml");
        File.WriteAllText(spec, Specs.MinimumHa);
        var output = Path.Combine(_dir, "out");
        var env = new Dictionary<string, string?> { ["DASOPS_DB_PASSWORD"] = "s3cr<t&\"'$;", ["DASOPS_SVN_PASSWORD"] = "svn-pw-9" };
        var r = DasopsProcess.Run(new[] { "render", spec, "--stock", RepoPaths.DasStock, "--out", output }, env);
        Assert.Equal(0, r.ExitCode);
        foreach (var node in new[] { "node1", "node2" })
        {
            Assert.True(File.Exists(Path.Combine(output, node, "repository/conf/axis2/axis2.xml")));
            Assert.True(File.Exists(Path.Combine(output, node, "bin/load-spark-env-vars.sh")));
        }
        Assert.Contains("node1 (/srv/das): 8 of 11 files change", r.Out);
        Assert.Contains("+                    <password>********</password>", r.Out);
        Assert.DoesNotContain("s3cr", r.Out + r.Err);
        Assert.DoesNotContain("svn-pw-9", r.Out + r.Err);

        var second = DasopsProcess.Run(new[] { "render", spec, "--stock", Path.Combine(output, "node1"), "--out", Path.Combine(_dir, "out2"), "--no-diff" }, env);
        Assert.Contains("node1 (/srv/das): unchanged", second.Out);
    }

    [Fact]
    public void Render_without_the_password_variable_says_which_one_and_writes_nothing()
    {
        var spec = Path.Combine(_dir, "ha.yaml");
        File.WriteAllText(spec, Specs.MinimumHa);
        var output = Path.Combine(_dir, "none");
        var r = DasopsProcess.Run(new[] { "render", spec, "--stock", RepoPaths.DasStock, "--out", output });
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("environment variable DASOPS_DB_PASSWORD (database.passwordEnv), DASOPS_SVN_PASSWORD (depSync.passwordEnv) is not set", r.Err);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Render_of_a_broken_product_file_names_node_file_and_line()
    {
        var stock = Path.Combine(_dir, "stock");
        foreach (var file in Directory.GetFiles(RepoPaths.DasStock, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(stock, Path.GetRelativePath(RepoPaths.DasStock, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var registry = Path.Combine(stock, "repository/conf/registry.xml");
        var lines = new List<string>(File.ReadAllLines(registry));
        lines[29] = lines[29].Replace("<dbConfig name=\"wso2registry\">", "<dbConfig name=\"wso2registry\"");
        File.WriteAllLines(registry, lines);
        var spec = Path.Combine(_dir, "ha.yaml");
        File.WriteAllText(spec, Specs.MinimumHa);
        var r = DasopsProcess.Run(new[] { "render", spec, "--stock", stock, "--out", Path.Combine(_dir, "o") },
            new Dictionary<string, string?> { ["DASOPS_DB_PASSWORD"] = "x", ["DASOPS_SVN_PASSWORD"] = "y" });
        Assert.Equal(2, r.ExitCode);
        Assert.Matches(@"error: node node1: repository/conf/registry\.xml:3\d:\d+: not well-formed XML", r.Err);
        Assert.False(Directory.Exists(Path.Combine(_dir, "o")));
    }

    [Fact]
    public void Render_takes_a_relative_jdbc_driver_from_the_spec_directory_and_plans_it_as_created()
    {
        var specDir = Directory.CreateDirectory(Path.Combine(_dir, "specdir")).FullName;
        var jar = new byte[] { 0x50, 0x4B, 3, 4, 1, 2, 3 };
        File.WriteAllBytes(Path.Combine(specDir, "mysql-connector.jar"), jar);
        var spec = Path.Combine(specDir, "ha.yaml");
        File.WriteAllText(spec, Specs.MinimumHa + "jdbcDriver: ./mysql-connector.jar\n");
        var output = Path.Combine(_dir, "out-jar");
        var r = DasopsProcess.Run(new[] { "render", spec, "--stock", RepoPaths.DasStock, "--out", output, "--no-diff" },
            new Dictionary<string, string?> { ["DASOPS_DB_PASSWORD"] = "x", ["DASOPS_SVN_PASSWORD"] = "y" }, workingDirectory: _dir);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("  created   repository/components/lib/mysql-connector.jar", r.Out);
        Assert.Equal(jar, File.ReadAllBytes(Path.Combine(output, "node2", "repository/components/lib/mysql-connector.jar")));
    }
}
