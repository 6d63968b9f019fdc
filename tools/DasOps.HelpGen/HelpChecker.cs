using System;
using System.Collections.Generic;
using System.Linq;

namespace DasOps.HelpGen;

/// <summary>One problem with a help page, printed in the MSBuild format so the build fails and the IDE can jump to it.</summary>
public sealed record HelpProblem(string File, int Line, string Code, string Message)
{
    public override string ToString() => $"{File}({Math.Max(Line, 1)}): error {Code}: {Message}";
}

/// <summary>Checks that a page documents exactly what the compiled cmdlet has, and has real prose everywhere.</summary>
public static class HelpChecker
{
    public const string Placeholder = "{{";

    public static IEnumerable<HelpProblem> Check(CmdletInfo cmdlet, MarkdownHelp page)
    {
        HelpProblem At(int line, string code, string message) => new HelpProblem(page.File, line, code, message);
        int LineOf(string section) => page.SectionLines.TryGetValue(section, out var l) ? l : 1;

        if (page.Title != cmdlet.Name) yield return At(page.TitleLine, "HELP001", $"the page's title is '{page.Title}', expected '# {cmdlet.Name}'.");
        foreach (var section in MarkdownHelp.SectionOrder.Where(s => s != "NOTES" && s != "RELATED LINKS"))
        {
            if (!page.SectionLines.ContainsKey(section)) yield return At(1, "HELP002", $"the page has no '## {section}' section.");
        }
        if (string.IsNullOrWhiteSpace(page.Section("SYNOPSIS"))) yield return At(LineOf("SYNOPSIS"), "HELP003", "the SYNOPSIS is empty.");
        if (string.IsNullOrWhiteSpace(page.Section("DESCRIPTION"))) yield return At(LineOf("DESCRIPTION"), "HELP003", "the DESCRIPTION is empty.");

        var examples = page.Examples;
        if (examples.Count == 0) yield return At(LineOf("EXAMPLES"), "HELP004", "the page has no example (### Example 1: ... with a code block).");
        foreach (var example in examples.Where(e => e.Code.Trim().Length == 0 || e.Remarks.Count == 0))
        {
            yield return At(example.Line, "HELP004", $"example '{example.Title}' needs a code block and a sentence that explains it.");
        }

        var expectedSyntax = Syntax.Section(cmdlet);
        var actualSyntax = string.Join("\n\n", page.BlocksOf("SYNTAX").Select(b => $"### {b.Heading}\n{b.Body}"));
        if (Normalize(actualSyntax) != Normalize(expectedSyntax))
            yield return At(LineOf("SYNTAX"), "HELP005", $"the SYNTAX does not match the cmdlet; expected:\n{expectedSyntax}\n(run HelpGen update to rewrite it).");

        var documented = page.BlocksOf("PARAMETERS").Where(b => b.Heading.StartsWith("-", StringComparison.Ordinal))
            .ToDictionary(b => b.Heading.Substring(1), b => b, StringComparer.Ordinal);
        foreach (var p in cmdlet.Parameters)
        {
            if (p.Sets.Select(s => (s.Mandatory, s.Position, s.ByValue, s.ByPropertyName)).Distinct().Count() > 1)
                yield return At(LineOf("PARAMETERS"), "HELP006", $"-{p.Name} differs between its parameter sets; a page shows one yaml block per parameter, so keep them the same.");
            if (!documented.TryGetValue(p.Name, out var block))
            {
                yield return At(LineOf("PARAMETERS"), "HELP007", $"-{p.Name} is not documented (add '### -{p.Name}').");
                continue;
            }
            var (description, fields) = MarkdownHelp.ParameterParts(block.Body);
            if (description.Length == 0) yield return At(block.Line, "HELP008", $"-{p.Name} has no description.");
            foreach (var (key, value) in Syntax.Fields(cmdlet, p))
            {
                var actual = fields.TryGetValue(key, out var v) ? v : null;
                if (actual != value) yield return At(block.Line, "HELP009", $"-{p.Name}: '{key}: {actual ?? "(missing)"}' should be '{key}: {value}'.");
            }
            if (!fields.ContainsKey("Default value")) yield return At(block.Line, "HELP009", $"-{p.Name}: the yaml block has no 'Default value:'.");
        }
        foreach (var extra in documented.Keys.Where(k => cmdlet.Parameters.All(p => p.Name != k)))
        {
            yield return At(documented[extra].Line, "HELP010", $"-{extra} is documented but the cmdlet has no such parameter.");
        }

        var outputs = page.BlocksOf("OUTPUTS").Select(b => b.Heading).ToList();
        foreach (var type in cmdlet.OutputTypes.Where(t => !outputs.Contains(t)))
            yield return At(LineOf("OUTPUTS"), "HELP011", $"OUTPUTS does not list {type} (the cmdlet's [OutputType]).");
        foreach (var type in outputs.Where(t => !cmdlet.OutputTypes.Contains(t)))
            yield return At(LineOf("OUTPUTS"), "HELP011", $"OUTPUTS lists {type}, which is not an [OutputType] of the cmdlet.");
        foreach (var block in page.BlocksOf("OUTPUTS").Concat(page.BlocksOf("INPUTS")).Where(b => b.Body.Trim().Length == 0))
            yield return At(block.Line, "HELP008", $"'{block.Heading}' has no description.");

        foreach (var (line, text) in PlaceholderLines(page.File))
            yield return At(line, "HELP012", $"placeholder text left on the page: {text.Trim()}");
    }

    private static IEnumerable<(int Line, string Text)> PlaceholderLines(string file) =>
        System.IO.File.ReadAllLines(file).Select((text, i) => (i + 1, text)).Where(l => l.text.Contains(Placeholder, StringComparison.Ordinal));

    private static string Normalize(string text) =>
        string.Join("\n", text.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}
