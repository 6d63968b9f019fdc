using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DasOps.HelpGen;

/// <summary>What the metadata says a help page must show: syntax lines and each parameter's yaml fields.</summary>
public static class Syntax
{
    public const string CommonParametersText =
        "This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, -InformationVariable, " +
        "-OutVariable, -OutBuffer, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, and -WarningVariable. " +
        "For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).";

    /// <summary>The parameters of one set in the order syntax shows them: positional by position, then mandatory, then the rest.</summary>
    public static IReadOnlyList<ParameterInfo> OrderedFor(CmdletInfo cmdlet, string set)
    {
        var inSet = cmdlet.Parameters.Where(p => p.InSet(set)).ToList();
        var positional = inSet.Where(p => !p.IsCommon && p.EntryFor(set).Position != null).OrderBy(p => p.EntryFor(set).Position);
        var mandatory = inSet.Where(p => !p.IsCommon && p.EntryFor(set).Position == null && p.EntryFor(set).Mandatory);
        var optional = inSet.Where(p => !p.IsCommon && p.EntryFor(set).Position == null && !p.EntryFor(set).Mandatory);
        return positional.Concat(mandatory).Concat(optional).Concat(inSet.Where(p => p.IsCommon)).ToList();
    }

    public static string Line(CmdletInfo cmdlet, string set)
    {
        var parts = new List<string> { cmdlet.Name };
        foreach (var p in OrderedFor(cmdlet, set))
        {
            var e = p.EntryFor(set);
            var name = e.Position != null ? $"[-{p.Name}]" : $"-{p.Name}";
            var text = p.IsSwitch ? $"-{p.Name}" : $"{name} <{p.TypeName}>";
            parts.Add(e.Mandatory ? text : $"[{text}]");
        }
        parts.Add("[<CommonParameters>]");
        return string.Join(" ", parts);
    }

    public static string SetHeading(CmdletInfo cmdlet, string set) =>
        cmdlet.ParameterSets.Count > 1 && set == cmdlet.DefaultParameterSetName ? $"{set} (Default)" : set;

    /// <summary>The SYNTAX section of the page, as platyPS writes it.</summary>
    public static string Section(CmdletInfo cmdlet)
    {
        var text = new StringBuilder();
        foreach (var set in cmdlet.ParameterSets)
        {
            text.Append("### ").Append(SetHeading(cmdlet, set)).Append("\n```\n").Append(Line(cmdlet, set)).Append("\n```\n\n");
        }
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>The parameter's fields as platyPS writes them in its ```yaml block (Default value comes from the page).</summary>
    public static IReadOnlyList<(string Key, string Value)> Fields(CmdletInfo cmdlet, ParameterInfo p)
    {
        var sets = p.Sets.Any(s => s.SetName == ParameterInfo.AllSets) ? "(All)" : string.Join(", ", p.Sets.Select(s => s.SetName));
        var first = p.Sets[0];
        var pipeline = (p.Sets.Any(s => s.ByValue), p.Sets.Any(s => s.ByPropertyName)) switch
        {
            (true, true) => "True (ByPropertyName, ByValue)",
            (true, false) => "True (ByValue)",
            (false, true) => "True (ByPropertyName)",
            _ => "False",
        };
        return new[]
        {
            ("Type", p.TypeName),
            ("Parameter Sets", sets),
            ("Aliases", string.Join(", ", p.Aliases)),
            ("Required", p.Sets.All(s => s.Mandatory) ? "True" : p.Sets.Any(s => s.Mandatory) ? "True (" + string.Join(", ", p.Sets.Where(s => s.Mandatory).Select(s => s.SetName)) + ")" : "False"),
            ("Position", first.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "Named"),
            ("Accept pipeline input", pipeline),
            ("Accept wildcard characters", p.SupportsWildcards ? "True" : "False"),
        };
    }
}
