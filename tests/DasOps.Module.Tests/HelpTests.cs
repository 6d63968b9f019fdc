using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using DasOps.Module.Tests.Support;
using Xunit;

namespace DasOps.Module.Tests;

/// <summary>
/// What Get-Help will show, read from the shipped MAML (en-US/DasOps.dll-Help.xml, the name PowerShell looks for
/// beside a binary module): a synopsis, a description, every parameter described, and at least one example.
/// </summary>
public class HelpTests
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private static readonly Lazy<XDocument> Document = new(() => XDocument.Load(Paths.ModuleFile("en-US/DasOps.dll-Help.xml")));

    public static IEnumerable<object[]> Cmdlets => ModuleSurface.CmdletNames;

    private static XElement CommandHelp(string name)
    {
        var matches = Document.Value.Root!.Elements(Command + "command")
            .Where(c => (string?)c.Element(Command + "details")?.Element(Command + "name") == name).ToList();
        Assert.True(matches.Count == 1, $"{name}: expected one command:command in DasOps.dll-Help.xml, found {matches.Count}.");
        return matches[0];
    }

    private static string Paras(XElement? description) =>
        string.Join(" ", description?.Elements(Maml + "para").Select(p => p.Value.Trim()) ?? Enumerable.Empty<string>()).Trim();

    [Fact]
    public void The_help_file_is_maml_with_one_command_per_cmdlet()
    {
        var root = Document.Value.Root!;
        Assert.Equal("helpItems", root.Name.LocalName);
        Assert.Equal("maml", (string?)root.Attribute("schema"));
        var documented = root.Elements(Command + "command").Select(c => (string)c.Element(Command + "details")!.Element(Command + "name")!).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(ModuleSurface.Cmdlets.Select(c => c.Name), documented);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Has_a_synopsis_and_a_description(string name)
    {
        var help = CommandHelp(name);
        var details = help.Element(Command + "details")!;
        var cmdlet = ModuleSurface.Cmdlet(name);
        Assert.Equal(cmdlet.Verb, (string?)details.Element(Command + "verb"));
        Assert.Equal(cmdlet.Noun, (string?)details.Element(Command + "noun"));
        var synopsis = Paras(details.Element(Maml + "description"));
        Assert.True(synopsis.Length >= 20, $"{name}: the synopsis is missing or too short: '{synopsis}'.");
        var description = Paras(help.Element(Maml + "description"));
        Assert.True(description.Length > synopsis.Length, $"{name}: the description must say more than the synopsis.");
        Assert.DoesNotContain("{{", help.ToString());
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Has_at_least_one_explained_example(string name)
    {
        var examples = CommandHelp(name).Element(Command + "examples")?.Elements(Command + "example").ToList() ?? new List<XElement>();
        Assert.NotEmpty(examples);
        foreach (var example in examples)
        {
            var code = (string?)example.Element(Dev + "code") ?? "";
            Assert.Contains(name, code);
            Assert.False(string.IsNullOrWhiteSpace(Paras(example.Element(Dev + "remarks"))), $"{name}: an example has no remarks.");
            Assert.False(string.IsNullOrWhiteSpace((string?)example.Element(Maml + "title")));
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Documents_every_parameter_and_nothing_else(string name)
    {
        var cmdlet = ModuleSurface.Cmdlet(name);
        var expected = cmdlet.Parameters.Select(p => p.Name).ToList();
        if (cmdlet.SupportsShouldProcess) expected.AddRange(new[] { "WhatIf", "Confirm" });
        var parameters = CommandHelp(name).Element(Command + "parameters")!.Elements(Command + "parameter").ToList();
        Assert.Equal(expected.OrderBy(n => n, StringComparer.Ordinal), parameters.Select(p => (string)p.Element(Maml + "name")!).OrderBy(n => n, StringComparer.Ordinal));
        foreach (var parameter in parameters)
        {
            var parameterName = (string)parameter.Element(Maml + "name")!;
            Assert.False(string.IsNullOrWhiteSpace(Paras(parameter.Element(Maml + "description"))), $"{name} -{parameterName} has no description.");
            var metadata = cmdlet.Parameters.FirstOrDefault(p => p.Name == parameterName);
            if (metadata == null) continue;
            Assert.Equal(metadata.Type.FullName, (string?)parameter.Element(Dev + "type")?.Element(Maml + "name"));
            var pipeline = (string)parameter.Attribute("pipelineInput")!;
            Assert.Equal(metadata.Entries.Any(e => e.ByValue || e.ByPropertyName), pipeline.StartsWith("True", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Syntax_has_one_item_per_parameter_set(string name)
    {
        var cmdlet = ModuleSurface.Cmdlet(name);
        var items = CommandHelp(name).Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
        Assert.Equal(cmdlet.ParameterSets.Count, items.Count);
        foreach (var (set, item) in cmdlet.ParameterSets.Zip(items))
        {
            var shown = item.Elements(Command + "parameter").Select(p => (string)p.Element(Maml + "name")!).Where(n => n != "WhatIf" && n != "Confirm").OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(cmdlet.Parameters.Where(p => p.InSet(set)).Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal), shown);
            foreach (var p in item.Elements(Command + "parameter"))
            {
                var metadata = cmdlet.Parameters.FirstOrDefault(m => m.Name == (string)p.Element(Maml + "name")!);
                if (metadata == null) continue;
                Assert.Equal(metadata.EntryFor(set).Mandatory ? "true" : "false", (string?)p.Attribute("required"));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Return_values_list_the_output_types(string name)
    {
        var returns = CommandHelp(name).Element(Command + "returnValues")!.Elements(Command + "returnValue")
            .Select(r => (string)r.Element(Dev + "type")!.Element(Maml + "name")!).ToList();
        Assert.Equal(ModuleSurface.Cmdlet(name).OutputTypes.Select(t => t.FullName!), returns);
    }
}
