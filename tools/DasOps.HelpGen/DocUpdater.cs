using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace DasOps.HelpGen;

/// <summary>
/// Rewrites a page from the compiled cmdlet: SYNTAX, each parameter's yaml block and the OUTPUTS headings are
/// generated; the prose (synopsis, description, examples, parameter descriptions, notes) is kept. A new cmdlet
/// or parameter gets "{{ ... }}" placeholders, which the build rejects until someone writes the text.
/// </summary>
public static class DocUpdater
{
    public static string Render(CmdletInfo cmdlet, MarkdownHelp? page)
    {
        string Keep(string section, string placeholder)
        {
            var text = page?.Section(section) ?? "";
            return text.Trim().Length > 0 ? text.Trim() : placeholder;
        }

        var text = new StringBuilder();
        text.Append("---\nexternal help file: DasOps.dll-Help.xml\nModule Name: DasOps\nonline version:\nschema: 2.0.0\n---\n\n");
        text.Append("# ").Append(cmdlet.Name).Append("\n\n");
        text.Append("## SYNOPSIS\n").Append(Keep("SYNOPSIS", "{{ One sentence: what the cmdlet does. }}")).Append("\n\n");
        text.Append("## SYNTAX\n\n").Append(Syntax.Section(cmdlet)).Append("\n\n");
        text.Append("## DESCRIPTION\n").Append(Keep("DESCRIPTION", "{{ What it does, what it changes, and what it outputs. }}")).Append("\n\n");

        text.Append("## EXAMPLES\n\n");
        var examples = page?.BlocksOf("EXAMPLES") ?? new List<Block>();
        if (examples.Count == 0) text.Append("### Example 1: {{ Title }}\n```powershell\n{{ Code }}\n```\n\n{{ What it does. }}\n\n");
        foreach (var example in examples) text.Append("### ").Append(example.Heading).Append('\n').Append(example.Body.Trim()).Append("\n\n");

        text.Append("## PARAMETERS\n\n");
        var documented = (page?.BlocksOf("PARAMETERS") ?? new List<Block>())
            .Where(b => b.Heading.StartsWith("-", StringComparison.Ordinal))
            .ToDictionary(b => b.Heading.Substring(1), b => MarkdownHelp.ParameterParts(b.Body), StringComparer.Ordinal);
        foreach (var p in cmdlet.Parameters)
        {
            documented.TryGetValue(p.Name, out var doc);
            var description = doc.Description is { Length: > 0 } d ? d : p.Name switch
            {
                "WhatIf" => "Shows what would happen if the cmdlet runs. The cmdlet is not run.",
                "Confirm" => "Prompts you for confirmation before running the cmdlet.",
                _ => "{{ What the parameter does. }}",
            };
            var defaultValue = doc.Fields != null && doc.Fields.TryGetValue("Default value", out var dv) && dv.Length > 0 ? dv : (p.IsSwitch ? "False" : "None");
            text.Append("### -").Append(p.Name).Append('\n').Append(description).Append("\n\n```yaml\n");
            foreach (var (key, value) in Syntax.Fields(cmdlet, p))
            {
                text.Append(key).Append(':').Append(value.Length > 0 ? " " + value : "").Append('\n');
                if (key == "Aliases") text.Append('\n');
                if (key == "Position") text.Append("Default value: ").Append(defaultValue).Append('\n');
            }
            text.Append("```\n\n");
        }
        text.Append("### CommonParameters\n").Append(Syntax.CommonParametersText).Append("\n\n");

        text.Append("## INPUTS\n\n");
        var inputs = page?.BlocksOf("INPUTS") ?? new List<Block>();
        if (inputs.Count == 0) text.Append("### {{ Input type }}\n{{ What can be piped in. }}\n\n");
        foreach (var input in inputs) text.Append("### ").Append(input.Heading).Append('\n').Append(input.Body.Trim()).Append("\n\n");

        text.Append("## OUTPUTS\n\n");
        var outputs = (page?.BlocksOf("OUTPUTS") ?? new List<Block>()).ToDictionary(b => b.Heading, b => b.Body.Trim());
        foreach (var type in cmdlet.OutputTypes)
        {
            text.Append("### ").Append(type).Append('\n')
                .Append(outputs.TryGetValue(type, out var body) && body.Length > 0 ? body : "{{ When this type is output. }}").Append("\n\n");
        }

        text.Append("## NOTES\n").Append(page?.Section("NOTES").Trim() is { Length: > 0 } notes ? notes + "\n" : "").Append('\n');
        text.Append("## RELATED LINKS\n\n").Append(page?.Section("RELATED LINKS").Trim() is { Length: > 0 } links ? links + "\n" : "[about_DasOps](about_DasOps.md)\n");
        return text.ToString();
    }
}
