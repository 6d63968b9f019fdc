using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace DasOps.Database.Tests;

/// <summary>
/// Brings the lab (2 namespaced hosts + MariaDB) up for the database tests and down afterwards, puts the product's
/// own dbscripts into each host's product home, and hides the mysql/mariadb client from the hosts (DasOps must need
/// none there). Fails loudly when the lab cannot be built (not root, ...).
/// </summary>
public sealed class LabFixture : IDisposable
{
    public LabFixture()
    {
        Root = FindRoot();
        Up(emulatorDirectory: null);
    }

    /// <summary>(Re)builds the lab: two hosts with the product's dbscripts (and the node emulator in their homes when given), no mysql client on them.</summary>
    public void Up(string? emulatorDirectory)
    {
        var psi = new ProcessStartInfo(LabScript, new[] { "up", "2" }) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (emulatorDirectory != null) psi.Environment["LAB_EMULATOR_DIR"] = emulatorDirectory;
        using (var p = Process.Start(psi)!)
        {
            var stderr = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"lab.sh up 2 failed ({p.ExitCode}): {stderr.Result}");
        }
        Env.Clear();
        foreach (var line in File.ReadAllLines(Path.Combine(LabDir, "lab.env")))
        {
            var eq = line.IndexOf('=');
            if (eq > 0) Env[line.Substring(0, eq).Replace("export ", "")] = line.Substring(eq + 1).Trim('"', '\'');
        }
        AdminPassword = File.ReadAllText(Env["LAB_DB_ADMIN_PASSWORD_FILE"]).Trim();
        // The carbon scripts come from the product (the real DAS 3.2.0 files beside the clone), not from our fixture.
        var stock = Path.GetFullPath(Path.Combine(Root, "..", "shared", "reference", "wso2-stock", "das-3.2.0", "dbscripts"));
        if (!Directory.Exists(stock)) throw new InvalidOperationException($"missing {stock}: clone with ../shared beside the repo");
        foreach (var node in new[] { "node1", "node2" })
        {
            var target = Path.Combine(LabDir, "hosts", node, "srv", "das", "dbscripts");
            Directory.CreateDirectory(target);
            foreach (var file in Directory.GetFiles(stock, "*.sql")) File.Copy(file, Path.Combine(target, Path.GetFileName(file)), true);
        }
        Run(LabScript, "hide-db-client");
    }

    public string Root { get; }
    public Dictionary<string, string> Env { get; } = new Dictionary<string, string>();
    public string AdminPassword { get; private set; } = "";
    public static string LabDir => Environment.GetEnvironmentVariable("DASOPS_LAB_DIR") ?? "/var/lib/dasops-lab";
    public string LabScript => Path.Combine(Root, "tests", "lab", "lab.sh");

    public void Dispose() => Run(LabScript, "down");

    public static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(" ", args)} failed ({p.ExitCode}): {stderr}");
        return stdout.Result;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "DasOps.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("DasOps.slnx not found");
    }
}

[CollectionDefinition("lab")]
public sealed class LabCollection : ICollectionFixture<LabFixture> { }
