using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Database;
using DasOps.Engine.Remote;
using DasOps.Engine.Secrets;
using DasOps.Engine.Spec;
using DasOps.TestLab;
using Xunit;

namespace DasOps.Database.Tests;

/// <summary>
/// Issue 4 against the lab's real MariaDB: create, re-run, bad credentials, partial schema, charset, secrets. Every
/// test runs over both transports: MySqlConnector through a port forwarded over node1's SSH connection (issue 11).
/// </summary>
[Collection("lab")]
public class DatabaseInitTests
{
    // Quotes, XML and shell metacharacters, an option-file comment char and a backslash.
    private const string UserPassword = "pw<&\"'$;#\\ x";
    private readonly LabFixture _lab;
    private readonly string _suffix = Guid.NewGuid().ToString("N").Substring(0, 8);

    public DatabaseInitTests(LabFixture lab) => _lab = lab;

    public static IEnumerable<object[]> Transports => new[] { new object[] { Transport.OpenSsh }, new object[] { Transport.SshNet } };

    private ClusterSpec Spec(string? characterSet = null, string databaseExtra = "")
    {
        var spec = SpecLoader.Load(
            $"name: t\nproduct: IsAnalytics\nknownHosts: {LabFixture.LabDir}/ssh/known_hosts\ndefaults: {{home: /srv/das, sshKey: {LabFixture.LabDir}/ssh/id_ed25519}}\n" +
            $"database:\n  host: 10.77.0.10\n  user: u{_suffix}\n  adminUser: dasops_admin\n{databaseExtra}" +
            $"  characterSet: {characterSet ?? "latin1"}\n  names: {{userDb: user_{_suffix}, regDb: reg_{_suffix}, eventStore: ev_{_suffix}, processedDataStore: pr_{_suffix}}}\n" +
            "nodes:\n  - {name: node1, host: 10.77.0.11}\n  - {name: node2, host: 10.77.0.12}\n", "t.yaml");
        Assert.Empty(SpecValidator.Validate(spec));
        return spec;
    }

    private ClusterSecrets Secrets(string? admin = null) => new ClusterSecrets { DatabasePassword = UserPassword, DatabaseAdminPassword = admin ?? _lab.AdminPassword };

    /// <summary>db init through node1 over the transport's real SSH connection, closed afterwards as a front end closes it.</summary>
    private static async Task<DatabaseInitResult> Init(Transport transport, ClusterSpec spec, ClusterSecrets secrets, RecordingReporter? reporter = null,
        bool whatIf = false, string scripts = "/srv/das/dbscripts", string node = "node1")
    {
        using var shells = RemoteShells.Open(spec, SshSettings.For(spec, transport: transport));
        var init = new DatabaseInitializer(spec, secrets, shells.ShellFor(spec.FindNode(node)!), scripts, reporter) { WhatIf = whatIf };
        return await init.RunAsync(CancellationToken.None);
    }

    private Task<string[][]> Admin(string sql) => LabDatabase.QueryAsync(_lab.AdminPassword, sql);

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_fresh_init_creates_databases_user_grants_and_the_full_carbon_schema_then_a_second_changes_nothing(Transport transport)
    {
        var spec = Spec();
        var first = await Init(transport, spec, Secrets());
        Assert.True(first.Succeeded);
        Assert.True(first.Changed);
        Assert.Equal("mysql5.7.sql", first.Script); // MariaDB 10.2+
        Assert.All(first.Databases, d => Assert.Equal(DatabaseAction.Created, d.Database));
        Assert.Equal(DatabaseAction.Created, first.Databases.Single(d => d.Purpose == "userdb").Schema);
        Assert.Equal(DatabaseAction.Created, first.Databases.Single(d => d.Purpose == "regdb").Schema);
        Assert.All(first.Accounts, a => { Assert.Equal(DatabaseAction.Created, a.User); Assert.Equal(DatabaseAction.Created, a.Grants); });

        // Checked independently: 40 carbon tables in each carbon database, none in the analytics ones.
        var tables = await Admin($"SELECT TABLE_SCHEMA, COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA LIKE '%{_suffix}' GROUP BY TABLE_SCHEMA ORDER BY 1;");
        Assert.Equal(new[] { $"reg_{_suffix}:40", $"user_{_suffix}:40" }, tables.Select(r => r[0] + ":" + r[1]));
        var um = await Admin($"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'user_{_suffix}' AND TABLE_NAME IN ('UM_USER','REG_RESOURCE','UM_HYBRID_REMEMBER_ME');");
        Assert.Equal("3", um[0][0]);
        var accounts = await Admin($"SELECT Host FROM mysql.user WHERE User = 'u{_suffix}' ORDER BY Host;");
        Assert.Equal(new[] { "10.77.0.11", "10.77.0.12" }, accounts.Select(r => r[0]));

        var second = await Init(transport, spec, Secrets());
        Assert.True(second.Succeeded);
        Assert.False(second.Changed);
        Assert.All(second.Databases, d => Assert.Equal(DatabaseAction.Unchanged, d.Database));
        Assert.All(second.Databases.Where(d => d.Schema != null), d => Assert.Equal(DatabaseAction.Unchanged, d.Schema));
        Assert.All(second.Accounts, a => Assert.Equal(DatabaseAction.Unchanged, a.Grants));
        Assert.Empty(second.MaskedSql);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task The_character_set_is_honoured_in_information_schema(Transport transport)
    {
        await Init(transport, Spec("latin1"), Secrets());
        var charsets = await Admin($"SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '%{_suffix}';");
        Assert.Equal(4, charsets.Length);
        Assert.All(charsets, r => Assert.Equal("latin1", r[1])); // the lab server's own default is utf8mb4
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task The_created_user_logs_in_from_a_node_with_a_password_full_of_special_characters(Transport transport)
    {
        var spec = Spec();
        await Init(transport, spec, Secrets());
        // Through node2's forward the server sees node2's address: the grant for u@10.77.0.12 is the one that lets it in.
        using var shells = RemoteShells.Open(spec, SshSettings.For(spec, transport: transport));
        using var asUser = await DatabaseSession.OpenAsync(shells.ShellFor(spec.FindNode("node2")!), spec.Database, null, $"u{_suffix}", UserPassword,
            Array.Empty<string>(), $"user_{_suffix}", CancellationToken.None);
        var rows = await asUser.QueryAsync("SELECT CURRENT_USER(), COUNT(*) FROM UM_USER;", null, "login check", CancellationToken.None);
        Assert.Equal($"u{_suffix}@10.77.0.12", rows[0][0]);
        Assert.Equal("0", rows[0][1]);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_wrong_admin_password_gives_a_clear_error_and_creates_nothing(Transport transport)
    {
        var spec = Spec();
        var error = await Assert.ThrowsAsync<DatabaseException>(() => Init(transport, spec, Secrets(admin: "not-the-password")));
        Assert.True(error.AccessDenied);
        Assert.Contains("Access denied for user 'dasops_admin'@'10.77.0.11'", error.Message);
        Assert.StartsWith("node1: the server:", error.Message);
        Assert.DoesNotContain("not-the-password", error.Message);
        var created = await Admin($"SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '%{_suffix}';");
        Assert.Equal("0", created[0][0]);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_partial_schema_is_reported_and_not_touched(Transport transport)
    {
        var spec = Spec();
        await Admin($"CREATE DATABASE user_{_suffix} CHARACTER SET latin1;");
        await Admin($"CREATE TABLE user_{_suffix}.UM_TENANT (UM_ID INTEGER NOT NULL AUTO_INCREMENT, PRIMARY KEY (UM_ID)) ENGINE INNODB;");
        var result = await Init(transport, spec, Secrets());
        Assert.False(result.Succeeded);
        var user = result.Databases.Single(d => d.Purpose == "userdb");
        Assert.Equal(DatabaseAction.Unchanged, user.Database);
        Assert.Equal(DatabaseAction.Partial, user.Schema);
        Assert.Contains("39 of 40 tables missing", user.Detail);
        Assert.Equal(DatabaseAction.Created, result.Databases.Single(d => d.Purpose == "regdb").Schema);
        var tables = await Admin($"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'user_{_suffix}';");
        Assert.Equal("1", tables[0][0]);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task What_if_changes_nothing_and_shows_the_sql_with_the_password_masked(Transport transport)
    {
        var spec = Spec();
        var result = await Init(transport, spec, Secrets(), whatIf: true);
        Assert.All(result.Databases, d => Assert.Equal(DatabaseAction.WouldCreate, d.Database));
        Assert.Contains(result.MaskedSql, s => s == $"CREATE USER IF NOT EXISTS 'u{_suffix}'@'10.77.0.11' IDENTIFIED BY '********';");
        Assert.Contains(result.MaskedSql, s => s == $"CREATE DATABASE IF NOT EXISTS `user_{_suffix}` CHARACTER SET latin1;");
        Assert.Contains(result.MaskedSql, s => s.StartsWith($"USE `reg_{_suffix}`; SOURCE /srv/das/dbscripts/mysql5.7.sql"));
        Assert.DoesNotContain(result.MaskedSql, s => s.Contains("pw<"));
        var created = await Admin($"SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '%{_suffix}';");
        Assert.Equal("0", created[0][0]);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task No_password_appears_in_any_process_list_or_output_during_a_run(Transport transport)
    {
        var spec = Spec();
        var reporter = new RecordingReporter();
        DatabaseInitResult result;
        // The node's /tmp is this machine's: count only what this run leaves, not what another run left.
        const string listTemp = "ls -d /tmp/dasops-db.* 2>/dev/null | sort";
        var before = LabFixture.Run(_lab.LabScript, "exec", "node1", "--", "sh", "-c", listTemp);
        var sampler = new RootAndNodeSampler("node1");
        using (sampler)
        {
            result = await Init(transport, spec, Secrets(), reporter);
        }
        Assert.True(sampler.Samples >= 3, $"only {sampler.Samples} samples taken");
        // The sampler saw the node while the run read the product script there.
        Assert.Contains("sshd", sampler.Node.Text);
        foreach (var secret in new[] { UserPassword, _lab.AdminPassword, "pw<&" })
        {
            Assert.DoesNotContain(secret, sampler.Root.Text);
            Assert.DoesNotContain(secret, sampler.Node.Text);
            Assert.DoesNotContain(reporter.Messages, m => m.Contains(secret));
            Assert.DoesNotContain(result.MaskedSql, m => m.Contains(secret));
            Assert.DoesNotContain(result.Databases, d => d.Detail.Contains(secret));
        }
        // Nothing is written on the node for the connection (the mysql-client path left an option file there).
        var after = LabFixture.Run(_lab.LabScript, "exec", "node1", "--", "sh", "-c", listTemp);
        Assert.Equal(before.Trim(), after.Trim());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_failing_statement_in_the_product_script_is_named_with_its_database_and_line(Transport transport)
    {
        // A copy of the product's script with a broken statement after its first complete one, in a directory of its own.
        var broken = System.IO.Path.Combine(LabFixture.LabDir, "hosts", "node1", "srv", "das", "dbscripts-broken-" + _suffix);
        System.IO.Directory.CreateDirectory(broken);
        var lines = System.IO.File.ReadAllLines(System.IO.Path.Combine(LabFixture.LabDir, "hosts", "node1", "srv", "das", "dbscripts", "mysql5.7.sql")).ToList();
        var at = lines.FindIndex(l => l.TrimEnd().EndsWith(";")) + 1;
        lines.Insert(at, "CREATE TABLE BROKEN_TABLE (;");
        System.IO.File.WriteAllLines(System.IO.Path.Combine(broken, "mysql5.7.sql"), lines);

        var error = await Assert.ThrowsAsync<DatabaseException>(() => Init(transport, Spec(), Secrets(), scripts: "/srv/das/" + System.IO.Path.GetFileName(broken)));
        Assert.Equal($"user_{_suffix}", error.Database);
        Assert.Equal(1064, error.ErrorCode);
        Assert.StartsWith($"node1: database user_{_suffix}: You have an error in your SQL syntax", error.Message);
        Assert.EndsWith($"in /srv/das/{System.IO.Path.GetFileName(broken)}/mysql5.7.sql line {at + 1}", error.Message);
        Assert.DoesNotContain(UserPassword, error.Message);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Tls_required_against_a_server_without_tls_fails_clearly_and_creates_nothing(Transport transport)
    {
        var spec = Spec(databaseExtra: "  tls: required\n");
        var error = await Assert.ThrowsAsync<DatabaseException>(() => Init(transport, spec, Secrets()));
        Assert.StartsWith("node1: ", error.Message);
        Assert.Contains("tls: required", error.Message);
        Assert.Contains("SSL", error.Message);
        Assert.DoesNotContain(_lab.AdminPassword, error.Message);
        var created = await Admin($"SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '%{_suffix}';");
        Assert.Equal("0", created[0][0]);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_server_port_the_node_cannot_reach_is_named_with_the_node_and_the_address(Transport transport)
    {
        var spec = Spec(databaseExtra: "  port: 3399\n");
        var error = await Assert.ThrowsAsync<DatabaseException>(() => Init(transport, spec, Secrets()));
        Assert.StartsWith("node1: cannot connect to the database at 10.77.0.10:3399", error.Message);
    }
}
