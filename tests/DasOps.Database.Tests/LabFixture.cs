using System;
using System.Collections.Generic;
using System.IO;
using DasOps.TestLab;
using Xunit;

namespace DasOps.Database.Tests;

/// <summary>
/// Brings the lab (2 namespaced hosts + MariaDB) up for the database tests and down afterwards, puts the product's
/// own dbscripts into each host's product home, and hides the mysql/mariadb client from the hosts (DasOps must need
/// none there). Fails loudly when the lab cannot be built (not root, ...).
/// </summary>
public sealed class LabFixture : IDisposable
{
    public LabFixture() => Up(emulatorDirectory: null);

    /// <summary>(Re)builds the lab: two hosts with the product's dbscripts (and the node emulator in their homes when given), no mysql client on them.</summary>
    public void Up(string? emulatorDirectory)
    {
        var lab = LabHosts.Up(2, emulatorDirectory == null ? null : new Dictionary<string, string> { ["LAB_EMULATOR_DIR"] = emulatorDirectory });
        Environment = lab;
        Env.Clear();
        foreach (var pair in lab.Values) Env[pair.Key] = pair.Value;
        AdminPassword = lab.DbAdminPassword;
        // The carbon scripts come from the product (the real DAS 3.2.0 files beside the clone), not from our fixture.
        var stock = SourceTree.Stock(Path.Combine("das-3.2.0", "dbscripts"));
        foreach (var node in lab.Hosts)
        {
            var target = lab.HostPath(node, "dbscripts");
            Directory.CreateDirectory(target);
            foreach (var file in Directory.GetFiles(stock, "*.sql")) File.Copy(file, Path.Combine(target, Path.GetFileName(file)), true);
        }
        DasOps.TestLab.LabScript.Run("hide-db-client");
    }

    public string Root => SourceTree.Root;
    public LabEnvironment Environment { get; private set; } = null!;
    public Dictionary<string, string> Env { get; } = new Dictionary<string, string>();
    public string AdminPassword { get; private set; } = "";
    public static string LabDir => LabEnvironment.StateDirectory;
    public string LabScript => SourceTree.LabScript;

    public void Dispose() => LabHosts.Down();

    /// <summary>Runs a program (lab.sh included) and returns its stdout; throws with its output when it fails.</summary>
    public static string Run(string file, params string[] args) =>
        DasOps.TestLab.LabScript.RunProgram(file, null, DasOps.TestLab.LabScript.DefaultTimeout, args);
}

[CollectionDefinition("lab")]
public sealed class LabCollection : ICollectionFixture<LabFixture> { }
