using System.Collections.Generic;
using System.IO;
using System.Linq;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Planning;
using DasOps.Engine.Spec;
using Xunit;

namespace DasOps.Engine.Tests.Spec;

/// <summary>
/// Validation that cannot be slipped: values that the loose checks let through (a trailing newline, a comma-combined
/// enum, a system schema, a login name with shell syntax) each refused with its own error.
/// </summary>
public class SlipProofValidationTests
{
    private const string Head = "product: Das\npattern: MinimumHa\ndatabase: {host: 10.0.0.10}\n";
    private const string TwoNodes = "nodes:\n  - {name: n1, host: 10.0.0.11}\n  - {name: n2, host: 10.0.0.12}\n";

    private static List<string> Codes(string yaml) =>
        SpecLoader.LoadAndValidate(yaml, "c.yaml", out _).Select(e => e.Code).ToList();

    [Fact]
    public void A_name_with_a_trailing_newline_is_refused()
    {
        // '$' matches before a final newline, so "isa1\n" used to validate and render broken XML.
        Assert.Equal(new[] { "InvalidClusterName" }, Codes("name: \"isa1\\n\"\n" + Head + TwoNodes));
        Assert.Equal(new[] { "InvalidNodeName" }, Codes("name: c\n" + Head + "nodes:\n  - {name: \"n1\\n\", host: 10.0.0.11}\n  - {name: n2, host: 10.0.0.12}\n"));
        Assert.Contains("InvalidSqlIdentifier", Codes("name: c\n" + "product: Das\npattern: MinimumHa\ndatabase: {host: 10.0.0.10, user: \"das\\n\"}\n" + TwoNodes));
        Assert.Contains("InvalidHostName", Codes("name: c\n" + Head + "nodes:\n  - {name: n1, host: \"10.0.0.11\\n\"}\n  - {name: n2, host: 10.0.0.12}\n"));
    }

    [Theory]
    [InlineData("root;reboot")]
    [InlineData("-oProxyCommand=x")]
    [InlineData("wso2 das")]
    [InlineData("wso2\\n")]
    public void An_ssh_user_that_is_not_a_login_name_is_refused(string user)
    {
        Assert.Equal(new[] { "InvalidUserName" }, Codes($"name: c\n{Head}defaults: {{sshUser: \"{user}\"}}\n{TwoNodes}"));
        Assert.Equal(new[] { "InvalidUserName" }, Codes($"name: c\n{Head}nodes:\n  - {{name: n1, host: 10.0.0.11, sshUser: \"{user}\"}}\n  - {{name: n2, host: 10.0.0.12}}\n"));
    }

    [Fact]
    public void An_ordinary_ssh_user_is_accepted()
    {
        Assert.Empty(Codes($"name: c\n{Head}defaults: {{sshUser: wso2.ops_1}}\n{TwoNodes}"));
    }

    [Theory]
    [InlineData("mysql")]
    [InlineData("SYS")]
    [InlineData("information_schema")]
    [InlineData("performance_schema")]
    public void The_servers_own_schemas_are_refused_as_database_names(string name)
    {
        var errors = SpecLoader.LoadAndValidate($"name: c\nproduct: Das\npattern: MinimumHa\ndatabase: {{host: 10.0.0.10, names: {{regDb: {name}}}}}\n{TwoNodes}", "c.yaml", out _);
        var error = Assert.Single(errors);
        Assert.Equal("SystemDatabaseName", error.Code);
        Assert.Equal(4, error.Location.Line);
    }

    [Theory]
    [InlineData("product: \"IsAnalytics, Das\"")]
    [InlineData("product: \"Das,Das\"")]
    [InlineData("pattern: \"MinimumHa, FullyDistributed\"")]
    public void Comma_combined_enum_values_are_refused(string line)
    {
        var yaml = "name: c\n" + (line.StartsWith("product") ? line + "\npattern: MinimumHa\n" : "product: Das\n" + line + "\n") + "database: {host: 10.0.0.10}\n" + TwoNodes;
        Assert.Contains("InvalidValue", Codes(yaml));
    }

    [Fact]
    public void A_comma_combined_role_is_refused()
    {
        var yaml = "name: c\nproduct: Das\npattern: FullyDistributed\ndatabase: {host: 10.0.0.10}\nnodes:\n  - {name: n1, host: 10.0.0.11, roles: [\"Receiver, Indexer\"]}\n";
        Assert.Contains("UnknownRole", Codes(yaml));
    }

    [Fact]
    public void An_ipv6_database_host_is_bracketed_in_the_jdbc_url()
    {
        Assert.Equal("jdbc:mysql://[fd00::10]:3306/userdb", new DatabaseSpec { Host = "fd00::10", Port = 3306 }.JdbcUrl("userdb"));
        Assert.Equal("jdbc:mysql://10.0.0.10:3306/userdb", new DatabaseSpec { Host = "10.0.0.10", Port = 3306 }.JdbcUrl("userdb"));
    }

    [Fact]
    public void A_jdbc_driver_that_is_not_a_jar_is_refused_and_a_jar_is_read()
    {
        var dir = Directory.CreateTempSubdirectory("dasops-jdbc-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "c.yaml"), "");
            var spec = new ClusterSpec { SourceFile = Path.Combine(dir, "c.yaml"), JdbcDriver = "driver.jar" };
            File.WriteAllText(Path.Combine(dir, "driver.jar"), "#!/bin/sh\necho not a jar\n");
            var refused = Assert.Throws<InputException>(() => JdbcDriverFile.Read(spec));
            Assert.Equal(InputErrorKind.ParameterInvalid, refused.Kind);
            Assert.Contains("is not a jar", refused.Message);

            using (var zip = System.IO.Compression.ZipFile.Open(Path.Combine(dir, "real.jar"), System.IO.Compression.ZipArchiveMode.Create))
                zip.CreateEntry("META-INF/MANIFEST.MF");
            spec.JdbcDriver = "real.jar";
            Assert.NotNull(JdbcDriverFile.Read(spec));

            spec.JdbcDriver = "absent.jar";
            Assert.Equal(InputErrorKind.FileNotFound, Assert.Throws<InputException>(() => JdbcDriverFile.Read(spec)).Kind);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
