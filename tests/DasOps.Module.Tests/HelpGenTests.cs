using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using DasOps.HelpGen;
using DasOps.Module.Tests.Support;
using Xunit;

namespace DasOps.Module.Tests;

/// <summary>The help check the build runs: it must reject pages that drift from the cmdlets.</summary>
public sealed class HelpGenTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dasops-helpgen").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static IReadOnlyList<CmdletInfo> Cmdlets() =>
        CmdletMetadata.Read(Paths.ModuleFile("DasOps.dll"),
            Directory.EnumerateFiles(Paths.ModuleFile("Dependencies"), "*.dll")
                .Append(Paths.SystemManagementAutomation)
                .Concat(Directory.EnumerateFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")));

    private List<HelpProblem> Check(string cmdlet, Func<string, string> edit)
    {
        var source = File.ReadAllText(Path.Combine(Paths.RepoRoot, "docs", "cmdlets", cmdlet + ".md"));
        var file = Path.Combine(_dir, cmdlet + ".md");
        File.WriteAllText(file, edit(source));
        return HelpChecker.Check(Cmdlets().Single(c => c.Name == cmdlet), MarkdownHelp.Parse(file)).ToList();
    }

    [Fact]
    public void The_metadata_reader_sees_every_cmdlet_and_its_parameter_sets()
    {
        var cmdlets = Cmdlets();
        Assert.Equal(ModuleSurface.Cmdlets.Select(c => c.Name), cmdlets.Select(c => c.Name));
        var test = cmdlets.Single(c => c.Name == "Test-DasCluster");
        Assert.Equal(new[] { "Cluster", "Connectivity", "Path" }, test.ParameterSets);
        Assert.Equal("Test-DasCluster [-Path] <String[]> [-Quiet] [<CommonParameters>]", Syntax.Line(test, "Path"));
    }

    [Theory]
    [MemberData(nameof(CmdletConventionTests.Cmdlets), MemberType = typeof(CmdletConventionTests))]
    public void The_shipped_pages_pass(string cmdlet) => Assert.Empty(Check(cmdlet, text => text));

    [Fact]
    public void An_undocumented_parameter_is_rejected()
    {
        var problems = Check("Export-DasCluster", text =>
        {
            var start = text.IndexOf("### -PassThru", StringComparison.Ordinal);
            var end = text.IndexOf("### -WhatIf", StringComparison.Ordinal);
            return text.Remove(start, end - start);
        });
        Assert.Contains(problems, p => p.Code == "HELP007" && p.Message.Contains("-PassThru"));
    }

    [Fact]
    public void Parameter_metadata_that_disagrees_with_the_cmdlet_is_rejected()
    {
        var problems = Check("Import-DasCluster", text => text.Replace("Accept wildcard characters: True", "Accept wildcard characters: False"));
        Assert.Contains(problems, p => p.Code == "HELP009" && p.Message.Contains("Accept wildcard characters"));
    }

    [Fact]
    public void A_stale_syntax_block_is_rejected()
    {
        var problems = Check("Set-DasNodeProfile", text => text.Replace(" [-PassThru]", ""));
        Assert.Contains(problems, p => p.Code == "HELP005");
    }

    [Fact]
    public void Placeholders_and_missing_examples_are_rejected()
    {
        var problems = Check("Test-DasCluster", text =>
        {
            var start = text.IndexOf("## EXAMPLES", StringComparison.Ordinal);
            var end = text.IndexOf("## PARAMETERS", StringComparison.Ordinal);
            return text.Remove(start, end - start).Insert(start, "## EXAMPLES\n\n{{ Add examples }}\n\n");
        });
        Assert.Contains(problems, p => p.Code == "HELP004");
        Assert.Contains(problems, p => p.Code == "HELP012");
    }
}
