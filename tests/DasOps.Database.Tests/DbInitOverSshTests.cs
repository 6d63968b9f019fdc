using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Database;
using DasOps.Engine.Remote;
using DasOps.TestLab;
using Xunit;

namespace DasOps.Database.Tests;

/// <summary>`dasops db init` as an operator runs it: through a lab host over real SSH (each transport), secrets from the environment.</summary>
[Collection("lab")]
public class DbInitOverSshTests
{
    private const string UserPassword = "ssh<&\"'$;#pw";
    private readonly LabFixture _lab;
    private readonly string _suffix = Guid.NewGuid().ToString("N").Substring(0, 8);

    public DbInitOverSshTests(LabFixture lab) => _lab = lab;

    private string WriteSpec()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dasops-db-{_suffix}.yaml");
        File.WriteAllText(path,
            $"name: t\nproduct: IsAnalytics\nknownHosts: {LabFixture.LabDir}/ssh/known_hosts\n" +
            $"defaults: {{home: /srv/das, sshKey: {LabFixture.LabDir}/ssh/id_ed25519}}\ndatabase:\n  host: 10.77.0.10\n  user: s{_suffix}\n  adminUser: dasops_admin\n" +
            $"  names: {{userDb: su_{_suffix}, regDb: sr_{_suffix}, eventStore: se_{_suffix}, processedDataStore: sp_{_suffix}}}\n" +
            "nodes:\n  - {name: node1, host: 10.77.0.11}\n  - {name: node2, host: 10.77.0.12}\n");
        return path;
    }

    private (int Code, string Out, string Err) Dasops(params string[] args) => DasopsAs(_lab.AdminPassword, args);

    private static (int Code, string Out, string Err) DasopsAs(string adminPassword, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dasops.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DASOPS_DB_PASSWORD"] = UserPassword;
        psi.Environment["DASOPS_DB_ADMIN_PASSWORD"] = adminPassword;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.GetAwaiter().GetResult(), stderr);
    }

    [Theory]
    [InlineData("openssh")]
    [InlineData("sshnet")]
    public async Task Db_init_over_ssh_creates_then_changes_nothing_and_no_secret_shows_anywhere(string transport)
    {
        var spec = WriteSpec();
        (int Code, string Out, string Err) first;
        var sampler = new RootAndNodeSampler("node2");
        using (sampler)
        {
            first = await Task.Run(() => Dasops("db", "init", spec, "--node", "node2", "--transport", transport));
        }
        Assert.True(first.Code == 0, first.Err);
        Assert.Contains("through node2, carbon script mysql5.7.sql", first.Out);
        Assert.Contains($"database su_{_suffix}", first.Out);
        Assert.Contains("schema Created     tables 40", first.Out);
        Assert.EndsWith("db init: changed", first.Out.Trim());

        var second = Dasops("db", "init", spec, "--node", "node2", "--transport", transport);
        Assert.Equal(0, second.Code);
        Assert.EndsWith("db init: unchanged", second.Out.Trim());

        var whatIf = Dasops("db", "init", spec, "--what-if", "--transport", transport);
        Assert.Contains("what-if: nothing to do", whatIf.Out);

        foreach (var secret in new[] { UserPassword, _lab.AdminPassword, "ssh<&" })
        {
            Assert.DoesNotContain(secret, first.Out + first.Err + second.Out + second.Err + whatIf.Out + whatIf.Err);
            Assert.DoesNotContain(secret, sampler.Root.Text);
            Assert.DoesNotContain(secret, sampler.Node.Text);
        }
        Assert.True(sampler.Samples >= 3, $"only {sampler.Samples} samples taken");

        // The connection went through node2's forward: the server saw node2's address (the admin's grant is for the lab network).
        var hosts = await LabDatabase.QueryAsync(_lab.AdminPassword, $"SELECT Host FROM mysql.user WHERE User = 's{_suffix}' ORDER BY Host;");
        Assert.Equal(new[] { "10.77.0.11", "10.77.0.12" }, hosts.Select(r => r[0]));
    }

    [Theory]
    [InlineData("openssh")]
    [InlineData("sshnet")]
    public void A_wrong_admin_password_over_ssh_exits_1_with_a_clear_error_and_nothing_created(string transport)
    {
        var spec = WriteSpec();
        var (code, stdout, err) = DasopsAs("wrong-admin-pw", "db", "init", spec, "--transport", transport);
        Assert.Equal(1, code);
        Assert.Contains("error: node1: the server: Access denied for user 'dasops_admin'@'10.77.0.11'", err);
        Assert.Contains("Nothing was created.", err);
        Assert.DoesNotContain("wrong-admin-pw", err + stdout);
    }
}
