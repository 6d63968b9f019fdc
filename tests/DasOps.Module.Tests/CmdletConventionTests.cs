using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DasOps.Module.Tests.Support;
using Xunit;

namespace DasOps.Module.Tests;

/// <summary>
/// PowerShell's cmdlet guidelines, checked on the compiled cmdlet classes (PSScriptAnalyzer only analyses script
/// functions, so for a binary module these tests are the linter).
/// </summary>
public class CmdletConventionTests
{
    /// <summary>
    /// Verbs that only read or report. Every other verb changes state and must support -WhatIf/-Confirm.
    /// New and Export are state changes here: both write a file.
    /// </summary>
    public static readonly IReadOnlySet<string> ReadOnlyVerbs = new HashSet<string>(StringComparer.Ordinal)
    {
        "Get", "Test", "Compare", "Import", "Find", "Search", "Measure", "Resolve", "Show", "Select", "Wait", "Watch", "Read",
        "ConvertFrom", "ConvertTo", "Format",
    };

    /// <summary>Verbs whose cmdlets destroy or rebuild state: they must prompt by default (ConfirmImpact.High).</summary>
    public static readonly IReadOnlySet<string> HighImpactVerbs = new HashSet<string>(StringComparer.Ordinal) { "Initialize", "Remove", "Reset" };

    /// <summary>Parameters that identify what a cmdlet works on; they bind from the pipeline by property name.</summary>
    public static readonly IReadOnlySet<string> IdentityParameters = new HashSet<string>(StringComparer.Ordinal) { "Cluster", "Path", "LiteralPath", "Node", "Name" };

    private static readonly string[] CommonParameters =
    {
        "Verbose", "vb", "Debug", "db", "ErrorAction", "ea", "WarningAction", "wa", "InformationAction", "infa", "ErrorVariable", "ev",
        "WarningVariable", "wv", "InformationVariable", "iv", "OutVariable", "ov", "OutBuffer", "ob", "PipelineVariable", "pv",
        "ProgressAction", "proga", "WhatIf", "wi", "Confirm", "cf", "UseTransaction", "usetx",
    };

    public static IEnumerable<object[]> Cmdlets => ModuleSurface.CmdletNames;

    [Fact]
    public void The_module_has_the_cmdlets_of_the_spec_stage()
    {
        var names = ModuleSurface.Cmdlets.Select(c => c.Name).ToList();
        foreach (var expected in new[] { "New-DasCluster", "Import-DasCluster", "Export-DasCluster", "Test-DasCluster", "Set-DasNodeProfile" })
            Assert.Contains(expected, names);
    }

    /// <summary>Approved in PowerShell 6+ only (PowerShell commit 2f34009328); absent from Windows PowerShell 5.1.</summary>
    public static readonly IReadOnlySet<string> PowerShell6Verbs = new HashSet<string>(StringComparer.Ordinal) { "Build", "Deploy" };

    [Fact]
    public void The_verb_list_is_Windows_PowerShell_5_1s()
    {
        var verbs = ApprovedVerbs();
        Assert.Equal(98, verbs.Count);
        Assert.DoesNotContain("Build", verbs);
        Assert.DoesNotContain("Deploy", verbs);
        Assert.Contains("Initialize", verbs);
        Assert.Contains("Publish", verbs);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Verb_is_approved_in_Windows_PowerShell_5_1(string name)
    {
        var cmdlet = ModuleSurface.Cmdlet(name);
        Assert.True(ApprovedVerbs().Contains(cmdlet.Verb), $"{name}: '{cmdlet.Verb}' is not an approved Windows PowerShell 5.1 verb (Build and Deploy are PS 6+).");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Noun_is_a_singular_Das_noun(string name)
    {
        var noun = ModuleSurface.Cmdlet(name).Noun;
        Assert.Matches("^Das[A-Z][A-Za-z]*$", noun);
        var plural = noun.EndsWith("s", StringComparison.Ordinal) && !noun.EndsWith("ss", StringComparison.Ordinal)
                     && !noun.EndsWith("us", StringComparison.Ordinal) && !noun.EndsWith("is", StringComparison.Ordinal);
        Assert.False(plural, $"{name}: the noun '{noun}' looks plural; PowerShell nouns are singular.");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Class_is_public_sealed_and_named_after_the_cmdlet(string name)
    {
        var cmdlet = ModuleSurface.Cmdlet(name);
        Assert.True(cmdlet.Type.IsPublic && cmdlet.Type.IsSealed, $"{cmdlet.Type.FullName} must be public sealed.");
        Assert.Equal(cmdlet.Verb + cmdlet.Noun + "Command", cmdlet.Type.Name);
        Assert.Equal("DasOps.Commands", cmdlet.Type.Namespace);
        Assert.NotNull(cmdlet.Type.GetConstructor(Type.EmptyTypes));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Declares_its_output_types(string name)
    {
        var cmdlet = ModuleSurface.Cmdlet(name);
        Assert.NotEmpty(cmdlet.OutputTypes);
        foreach (var type in cmdlet.OutputTypes)
        {
            var fromModule = type.Assembly == ModuleSurface.Module;
            Assert.True(fromModule || type.Namespace == "System", $"{name}: output type {type.FullName} is neither a DasOps type nor a System type.");
            if (fromModule) Assert.True(type.IsPublic && type.IsSealed, $"{type.FullName} must be public sealed.");
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void State_changes_support_ShouldProcess(string name)
    {
        var cmdlet = ModuleSurface.Cmdlet(name);
        if (ReadOnlyVerbs.Contains(cmdlet.Verb)) return;
        Assert.True(cmdlet.SupportsShouldProcess, $"{name} changes state ({cmdlet.Verb}) and must declare SupportsShouldProcess = true.");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Destructive_verbs_have_high_confirm_impact(string name)
    {
        var cmdlet = ModuleSurface.Cmdlet(name);
        if (!HighImpactVerbs.Contains(cmdlet.Verb)) return;
        Assert.Equal("High", cmdlet.ConfirmImpact);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Parameter_sets_are_consistent(string name)
    {
        var cmdlet = ModuleSurface.Cmdlet(name);
        Assert.False(string.IsNullOrEmpty(cmdlet.DefaultParameterSetName), $"{name}: DefaultParameterSetName must be set.");
        if (cmdlet.NamedSets.Count > 0)
            Assert.Contains(cmdlet.DefaultParameterSetName, cmdlet.NamedSets);

        foreach (var set in cmdlet.ParameterSets)
        {
            var inSet = cmdlet.Parameters.Where(p => p.InSet(set)).ToList();
            var positions = inSet.Select(p => p.EntryFor(set).Position).Where(p => p != null).ToList();
            Assert.True(positions.Count == positions.Distinct().Count(), $"{name}, set {set}: two parameters share a position ({string.Join(", ", positions)}).");
            Assert.True(inSet.Count(p => p.EntryFor(set).ByValue) <= 1, $"{name}, set {set}: more than one parameter takes the pipeline object by value.");
        }

        // A named set other than the default must be selectable: some parameter belongs to it and not to every other set.
        foreach (var set in cmdlet.NamedSets.Where(s => s != cmdlet.DefaultParameterSetName))
        {
            var others = cmdlet.NamedSets.Where(s => s != set).ToList();
            var reachable = cmdlet.Parameters.Any(p => !p.InAllSets && p.Entries.Any(e => e.Set == set) && !others.All(o => p.Entries.Any(e => e.Set == o)));
            Assert.True(reachable, $"{name}: parameter set {set} has no parameter of its own, so PowerShell can never choose it.");
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Parameter_names_and_aliases_are_unique_and_do_not_shadow_common_parameters(string name)
    {
        var cmdlet = ModuleSurface.Cmdlet(name);
        var all = cmdlet.Parameters.SelectMany(p => p.Aliases.Prepend(p.Name)).ToList();
        var duplicates = all.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"{name}: used twice: {string.Join(", ", duplicates)}");
        var shadowing = all.Intersect(CommonParameters, StringComparer.OrdinalIgnoreCase).ToList();
        Assert.True(shadowing.Count == 0, $"{name}: clashes with common parameters: {string.Join(", ", shadowing)}");
        foreach (var p in cmdlet.Parameters) Assert.Matches("^[A-Z][A-Za-z0-9]*$", p.Name);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Switches_are_never_positional_or_mandatory(string name)
    {
        foreach (var p in ModuleSurface.Cmdlet(name).Parameters.Where(p => p.IsSwitch))
        {
            Assert.True(p.Entries.All(e => e.Position == null && !e.Mandatory), $"{name} -{p.Name}: a switch must be named and optional.");
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Secrets_are_credentials_never_strings(string name)
    {
        foreach (var p in ModuleSurface.Cmdlet(name).Parameters)
        {
            var secretName = p.Name.Contains("Password", StringComparison.OrdinalIgnoreCase) || p.Name.Contains("Secret", StringComparison.OrdinalIgnoreCase);
            Assert.False(secretName && p.Type.FullName != "System.Security.SecureString", $"{name} -{p.Name}: secrets are PSCredential parameters, never strings.");
            if (p.Type.FullName == "System.Management.Automation.PSCredential")
                Assert.True(p.Attributes.Any(a => a.AttributeType.FullName == ModuleSurface.Sma + ".CredentialAttribute"), $"{name} -{p.Name}: a PSCredential parameter carries [Credential()].");
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Identity_parameters_bind_from_the_pipeline_by_property_name(string name)
    {
        foreach (var p in ModuleSurface.Cmdlet(name).Parameters.Where(p => IdentityParameters.Contains(p.Name)))
        {
            Assert.True(p.Entries.All(e => e.ByPropertyName), $"{name} -{p.Name}: identity parameters take ValueFromPipelineByPropertyName = true.");
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void PassThru_is_a_switch_and_the_output_type_is_declared(string name)
    {
        var cmdlet = ModuleSurface.Cmdlet(name);
        var passThru = cmdlet.Parameters.FirstOrDefault(p => p.Name == "PassThru");
        if (passThru == null) return;
        Assert.True(passThru.IsSwitch);
        Assert.NotEmpty(cmdlet.OutputTypes);
    }

    private static IReadOnlySet<string> ApprovedVerbs()
    {
        Assert.True(File.Exists(Paths.ApprovedVerbs), $"{Paths.ApprovedVerbs} is missing: clone the project with ../shared beside it.");
        // The file is Get-Verb of PowerShell 7 (100 verbs); the module must also load in Windows PowerShell 5.1.
        return File.ReadAllLines(Paths.ApprovedVerbs).Select(l => l.Split('\t')[0].Trim())
            .Where(v => v.Length > 0 && !PowerShell6Verbs.Contains(v)).ToHashSet(StringComparer.Ordinal);
    }
}
