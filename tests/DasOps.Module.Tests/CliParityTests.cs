using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using DasOps.Module.Tests.Support;
using Xunit;

namespace DasOps.Module.Tests;

/// <summary>
/// The cmdlets and `dasops` cover the same operations. Rule: every cmdlet that performs an operation on a spec file
/// or a cluster has a CLI command, and every CLI command has a cmdlet. The only exceptions are listed below with
/// their reason: cmdlets that only transform the in-memory cluster object (in a shell the YAML file is that object),
/// and CLI commands that exist for work outside PowerShell's pipeline.
/// </summary>
public class CliParityTests
{
    /// <summary>Cmdlet to CLI command path. Entries for cmdlets not written yet fix the name both front ends will use.</summary>
    public static readonly IReadOnlyDictionary<string, string> Twins = new Dictionary<string, string>
    {
        ["New-DasCluster"] = "new",
        ["Test-DasCluster"] = "validate",
        ["Compare-DasConfiguration"] = "plan",
        ["Publish-DasConfiguration"] = "apply",
        ["Restore-DasConfiguration"] = "restore",
        ["Initialize-DasDatabase"] = "db init",
        ["Start-DasNode"] = "start",
        ["Stop-DasNode"] = "stop",
        ["Restart-DasNode"] = "restart",
        ["Get-DasNode"] = "status",
        ["Test-DasHa"] = "test-ha",
        ["Clear-DasPersistence"] = "persistence clear",
        ["Publish-DasSiddhiApp"] = "app deploy",
        ["Get-DasSiddhiApp"] = "app list",
    };

    /// <summary>Cmdlets with no CLI twin, each with the reason.</summary>
    public static readonly IReadOnlyDictionary<string, string> CmdletOnly = new Dictionary<string, string>
    {
        ["Import-DasCluster"] = "reads a spec into a pipeline object; every dasops command reads the spec file itself",
        ["Export-DasCluster"] = "writes the pipeline object back; in a shell the YAML file is edited directly",
        ["Set-DasNodeProfile"] = "edits the in-memory spec; in a shell the roles are edited in the YAML file",
    };

    /// <summary>CLI commands with no cmdlet, each with the reason.</summary>
    public static readonly IReadOnlyDictionary<string, string> CliOnly = new Dictionary<string, string>
    {
        ["render"] = "renders every node's files from an unzipped stock product home into a local directory, for review and CI without nodes; "
                     + "in PowerShell, Publish-DasConfiguration -WhatIf shows the same diffs against the real nodes",
    };

    private static IReadOnlyList<string> CliCommands()
    {
        var paths = new List<string>();
        void Walk(Command command, string prefix)
        {
            foreach (var sub in command.Subcommands)
            {
                var path = prefix.Length == 0 ? sub.Name : prefix + " " + sub.Name;
                if (sub.Subcommands.Count == 0) paths.Add(path);
                else Walk(sub, path);
            }
        }
        Walk(DasOps.Cli.Program.BuildRoot(), "");
        return paths;
    }

    public static IEnumerable<object[]> Cmdlets => ModuleSurface.CmdletNames;

    public static IEnumerable<object[]> Commands => CliCommands().Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Every_cmdlet_has_its_CLI_command(string cmdlet)
    {
        if (CmdletOnly.ContainsKey(cmdlet)) return;
        Assert.True(Twins.TryGetValue(cmdlet, out var command), $"{cmdlet} is in neither the twin table nor the cmdlet-only list of {nameof(CliParityTests)}.");
        Assert.True(CliCommands().Contains(command), $"{cmdlet} has no CLI twin: `dasops {command}` is not registered in DasOps.Cli.Program.BuildRoot().");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_CLI_command_has_its_cmdlet(string command)
    {
        if (CliOnly.ContainsKey(command)) return;
        var cmdlets = Twins.Where(t => t.Value == command).Select(t => t.Key).ToList();
        Assert.True(cmdlets.Count == 1, $"`dasops {command}` is in neither the twin table nor the CLI-only list of {nameof(CliParityTests)}.");
        Assert.True(ModuleSurface.Cmdlets.Any(c => c.Name == cmdlets[0]), $"`dasops {command}` has no cmdlet: {cmdlets[0]} is not in DasOps.dll.");
    }

    [Fact]
    public void The_exception_lists_are_current()
    {
        var names = ModuleSurface.Cmdlets.Select(c => c.Name).ToHashSet();
        foreach (var cmdlet in CmdletOnly.Keys)
        {
            Assert.True(names.Contains(cmdlet), $"{cmdlet} is listed as cmdlet-only but does not exist.");
            Assert.False(Twins.ContainsKey(cmdlet), $"{cmdlet} is both cmdlet-only and a twin.");
        }
        var commands = CliCommands();
        foreach (var command in CliOnly.Keys)
        {
            Assert.True(commands.Contains(command), $"`dasops {command}` is listed as CLI-only but is not registered.");
            Assert.DoesNotContain(command, Twins.Values);
        }
        Assert.Equal(Twins.Count, Twins.Values.Distinct().Count());
    }
}
