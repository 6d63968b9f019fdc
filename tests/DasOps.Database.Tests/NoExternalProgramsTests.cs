using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace DasOps.Database.Tests;

/// <summary>
/// Issue 11, item 4: `dasops` runs the IS Analytics minimum HA job (db init, apply, start, status, test-ha --failover)
/// with a PATH that holds only a link to dotnet (no ssh, scp or mysql on this side) against hosts with no mysql client
/// (the fixture hides it). The transport is the default, SSH.NET. The Pester twin runs the cmdlets the same way.
/// </summary>
[Collection("lab")]
public sealed class NoExternalProgramsTests : IDisposable
{
    private const string UserPassword = "noext<&\"'$;#pw";
    private readonly LabFixture _lab;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "dasops-noext-" + Guid.NewGuid().ToString("N").Substring(0, 8));

    public NoExternalProgramsTests(LabFixture lab)
    {
        _lab = lab;
        Directory.CreateDirectory(Path.Combine(_work, "bin"));
    }

    public void Dispose()
    {
        // The emulator's nodes go with a plain lab (dbscripts, no client), as the other tests of the collection expect.
        _lab.Up(emulatorDirectory: null);
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public void The_whole_job_runs_through_the_cli_with_only_dotnet_on_path_and_no_mysql_client_on_the_nodes()
    {
        _lab.Up(PublishEmulator());
        var bin = Path.Combine(_work, "bin");
        File.CreateSymbolicLink(Path.Combine(bin, "dotnet"), Which("dotnet"));
        foreach (var node in new[] { "node1", "node2" })
            Assert.ThrowsAny<InvalidOperationException>(() => LabFixture.Run(_lab.LabScript, "exec", node, "--", "sh", "-c", "command -v mariadb || command -v mysql"));

        var spec = Path.Combine(_work, "spec.yaml");
        File.WriteAllText(spec,
            $"name: lab-isa\nproduct: IsAnalytics\npattern: MinimumHa\nknownHosts: {LabFixture.LabDir}/ssh/known_hosts\n" +
            $"defaults: {{home: /srv/das, sshKey: {LabFixture.LabDir}/ssh/id_ed25519}}\n" +
            "database: {host: 10.77.0.10, user: wso2analytics, adminUser: dasops_admin}\nspark: {masterCount: 2, symlink: /srv/das-link}\n" +
            "nodes:\n  - {name: node1, host: 10.77.0.11}\n  - {name: node2, host: 10.77.0.12}\n");

        var steps = new (string[] Args, string? Expect)[]
        {
            (new[] { "db", "init", spec }, "db init: changed"),
            (new[] { "apply", spec }, null),
            (new[] { "start", spec }, null),
            (new[] { "status", spec }, "running"),
            (new[] { "test-ha", spec, "--failover" }, "failover-rejoin"),
            (new[] { "db", "init", spec }, "db init: unchanged"),
            (new[] { "stop", spec }, null),
        };
        foreach (var (args, expect) in steps)
        {
            var (code, output) = Dasops(bin, args);
            Assert.True(code == 0, $"dasops {string.Join(" ", args)} exited {code} with only dotnet on PATH:\n{output}");
            if (expect != null) Assert.Contains(expect, output);
            Assert.DoesNotContain(UserPassword, output);
            Assert.DoesNotContain(_lab.AdminPassword, output);
        }
    }

    private (int Code, string Output) Dasops(string bin, string[] args)
    {
        var psi = new ProcessStartInfo(Path.Combine(bin, "dotnet")) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dasops.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["PATH"] = bin;
        psi.Environment["DASOPS_DB_PASSWORD"] = UserPassword;
        psi.Environment["DASOPS_DB_ADMIN_PASSWORD"] = _lab.AdminPassword;
        psi.Environment.Remove("DASOPS_SVN_PASSWORD");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(300_000))
        {
            p.Kill(true);
            return (-1, "timed out after 300 s\n" + stdout.Result + stderr);
        }
        return (p.ExitCode, stdout.Result + stderr);
    }

    private static string Which(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            var path = Path.Combine(dir, program);
            if (File.Exists(path)) return path;
        }
        throw new InvalidOperationException($"{program} is not on PATH");
    }

    private string PublishEmulator()
    {
        var dir = Path.Combine(_work, "emulator");
        LabFixture.Run("dotnet", "publish", Path.Combine(_lab.Root, "tests", "DasOps.NodeEmulator", "DasOps.NodeEmulator.csproj"), "-c", "Release", "-o", dir, "-nologo", "-v", "quiet");
        return dir;
    }
}
