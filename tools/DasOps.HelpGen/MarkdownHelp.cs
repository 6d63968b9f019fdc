using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace DasOps.HelpGen;

/// <summary>An H3 block inside an H2 section: its heading, the line it starts on, and its raw text.</summary>
public sealed record Block(string Heading, int Line, string Body);

/// <summary>One example: a title, the code, and the remarks after it.</summary>
public sealed record Example(string Title, int Line, string Code, IReadOnlyList<string> Remarks);

/// <summary>
/// A platyPS-style cmdlet help page (docs/cmdlets/&lt;Cmdlet&gt;.md): front matter, # Name, then ## SYNOPSIS,
/// ## SYNTAX, ## DESCRIPTION, ## EXAMPLES, ## PARAMETERS, ## INPUTS, ## OUTPUTS, ## NOTES, ## RELATED LINKS.
/// Sections keep their raw text so <c>update</c> can rewrite the generated parts and leave the prose alone.
/// </summary>
public sealed class MarkdownHelp
{
    public static readonly string[] SectionOrder =
        { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };

    public string File { get; private init; } = "";
    public string Title { get; private set; } = "";
    public int TitleLine { get; private set; }

    /// <summary>Raw body of each H2 section (text before its first H3).</summary>
    public Dictionary<string, string> Sections { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, int> SectionLines { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>H3 blocks of each H2 section.</summary>
    public Dictionary<string, List<Block>> Blocks { get; } = new Dictionary<string, List<Block>>(StringComparer.OrdinalIgnoreCase);

    public static MarkdownHelp Parse(string file)
    {
        var help = new MarkdownHelp { File = file };
        var lines = System.IO.File.ReadAllText(file).Replace("\r\n", "\n").Split('\n');
        var i = 0;
        if (lines.Length > 0 && lines[0].Trim() == "---")
        {
            for (i = 1; i < lines.Length && lines[i].Trim() != "---"; i++) { }
            i++;
        }
        string? section = null;
        Block? block = null;
        var body = new StringBuilder();
        var inFence = false;

        void Flush()
        {
            if (section == null) return;
            var text = body.ToString().Trim('\n');
            if (block != null) help.Blocks[section].Add(block with { Body = text });
            else help.Sections[section] = text;
            body.Clear();
        }

        for (; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
            if (!inFence && line.StartsWith("# ", StringComparison.Ordinal) && help.Title.Length == 0)
            {
                help.Title = line.Substring(2).Trim();
                help.TitleLine = i + 1;
                continue;
            }
            if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                block = null;
                section = line.Substring(3).Trim().ToUpperInvariant();
                help.SectionLines[section] = i + 1;
                help.Blocks[section] = new List<Block>();
                continue;
            }
            if (!inFence && line.StartsWith("### ", StringComparison.Ordinal) && section != null)
            {
                Flush();
                block = new Block(line.Substring(4).Trim(), i + 1, "");
                continue;
            }
            body.Append(line).Append('\n');
        }
        Flush();
        return help;
    }

    public string Section(string name) => Sections.TryGetValue(name, out var text) ? text : "";

    public IReadOnlyList<Block> BlocksOf(string name) => Blocks.TryGetValue(name, out var list) ? list : new List<Block>();

    public IReadOnlyList<Example> Examples => BlocksOf("EXAMPLES").Select(b =>
    {
        var (code, rest) = SplitFirstFence(b.Body);
        return new Example(b.Heading, b.Line, code, Paragraphs(rest));
    }).ToList();

    /// <summary>The prose of a parameter block (before its ```yaml fence) and the yaml fields.</summary>
    public static (string Description, Dictionary<string, string> Fields) ParameterParts(string body)
    {
        var fence = body.IndexOf("```yaml", StringComparison.Ordinal);
        var description = (fence < 0 ? body : body.Substring(0, fence)).Trim();
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (fence >= 0)
        {
            var end = body.IndexOf("```", fence + 7, StringComparison.Ordinal);
            var yaml = body.Substring(fence + 7, (end < 0 ? body.Length : end) - fence - 7);
            foreach (var raw in yaml.Split('\n'))
            {
                var colon = raw.IndexOf(':');
                if (colon > 0) fields[raw.Substring(0, colon).Trim()] = raw.Substring(colon + 1).Trim();
            }
        }
        return (description, fields);
    }

    /// <summary>Splits text into paragraphs at blank lines; lines of one paragraph are joined; fenced code stays one paragraph.</summary>
    public static IReadOnlyList<string> Paragraphs(string text)
    {
        var result = new List<string>();
        var current = new List<string>();
        var inFence = false;
        void Flush()
        {
            if (current.Count > 0) result.Add(inFence ? string.Join("\n", current) : string.Join(" ", current.Select(l => l.Trim())));
            current.Clear();
        }
        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                Flush();
                inFence = !inFence;
                continue;
            }
            if (inFence)
            {
                current.Add(line);
                continue;
            }
            if (line.Trim().Length == 0) Flush();
            else current.Add(line);
        }
        Flush();
        return result;
    }

    /// <summary>The contents of the first fenced code block, and the text after it.</summary>
    public static (string Code, string After) SplitFirstFence(string body)
    {
        var start = body.IndexOf("```", StringComparison.Ordinal);
        if (start < 0) return ("", body);
        var lineEnd = body.IndexOf('\n', start);
        if (lineEnd < 0) return ("", body);
        var end = body.IndexOf("\n```", lineEnd, StringComparison.Ordinal);
        if (end < 0) return (body.Substring(lineEnd + 1).TrimEnd(), "");
        var code = body.Substring(lineEnd + 1, end - lineEnd - 1);
        var after = body.IndexOf('\n', end + 4);
        return (code.TrimEnd(), after < 0 ? "" : body.Substring(after + 1));
    }
}
