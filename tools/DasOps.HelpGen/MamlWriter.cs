using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace DasOps.HelpGen;

/// <summary>Writes MAML (the format Get-Help reads from &lt;Module&gt;.dll-Help.xml) for the module's cmdlets.</summary>
public static class MamlWriter
{
    public static readonly XNamespace Msh = "http://msh";
    public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    public static readonly XNamespace MsHelp = "http://msdn.microsoft.com/mshelp";

    public static string Write(IEnumerable<(CmdletInfo Cmdlet, MarkdownHelp Page)> commands)
    {
        var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
            commands.Select(c => CommandElement(c.Cmdlet, c.Page)));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        var output = new Utf8StringWriter();
        using (var writer = XmlWriter.Create(output, settings)) document.Save(writer);
        return output.ToString() + "\n";
    }

    private sealed class Utf8StringWriter : System.IO.StringWriter
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }

    private static XElement CommandElement(CmdletInfo cmdlet, MarkdownHelp page)
    {
        var descriptions = page.BlocksOf("PARAMETERS").Where(b => b.Heading.StartsWith("-", StringComparison.Ordinal))
            .ToDictionary(b => b.Heading.Substring(1), b => MarkdownHelp.ParameterParts(b.Body), StringComparer.Ordinal);
        (string Description, Dictionary<string, string> Fields) Doc(ParameterInfo p) =>
            descriptions.TryGetValue(p.Name, out var d) ? d : ("", new Dictionary<string, string>());

        return new XElement(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MsHelp),
            new XElement(Command + "details",
                new XElement(Command + "name", cmdlet.Name),
                new XElement(Command + "verb", cmdlet.Verb),
                new XElement(Command + "noun", cmdlet.Noun),
                Description(page.Section("SYNOPSIS"))),
            Description(page.Section("DESCRIPTION")),
            new XElement(Command + "syntax", cmdlet.ParameterSets.Select(set =>
                new XElement(Command + "syntaxItem",
                    new XElement(Maml + "name", cmdlet.Name),
                    Syntax.OrderedFor(cmdlet, set).Select(p => Parameter(cmdlet, p, p.EntryFor(set), Doc(p), inSyntax: true))))),
            new XElement(Command + "parameters", cmdlet.Parameters.Select(p => Parameter(cmdlet, p, p.Sets[0], Doc(p), inSyntax: false))),
            new XElement(Command + "inputTypes", page.BlocksOf("INPUTS").Select(b => TypeElement("inputType", b))),
            new XElement(Command + "returnValues", page.BlocksOf("OUTPUTS").Select(b => TypeElement("returnValue", b))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(page.Section("NOTES")))),
            new XElement(Command + "examples", page.Examples.Select((e, i) =>
                new XElement(Command + "example",
                    new XElement(Maml + "title", $"-------------------------- {e.Title} --------------------------"),
                    new XElement(Dev + "code", e.Code),
                    new XElement(Dev + "remarks", e.Remarks.Select(r => new XElement(Maml + "para", r)))))),
            new XElement(Command + "relatedLinks", Links(page.Section("RELATED LINKS"))));
    }

    private static XElement Parameter(CmdletInfo cmdlet, ParameterInfo p, ParameterSetEntry entry,
        (string Description, Dictionary<string, string> Fields) doc, bool inSyntax)
    {
        var fields = Syntax.Fields(cmdlet, p).ToDictionary(f => f.Key, f => f.Value);
        var pipeline = fields["Accept pipeline input"];
        var element = new XElement(Command + "parameter",
            new XAttribute("required", entry.Mandatory ? "true" : "false"),
            new XAttribute("variableLength", p.TypeName.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false"),
            new XAttribute("globbing", p.SupportsWildcards ? "true" : "false"),
            new XAttribute("pipelineInput", pipeline),
            new XAttribute("position", entry.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named"),
            new XAttribute("aliases", p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases)),
            new XElement(Maml + "name", p.Name),
            Description(doc.Description));
        if (!(inSyntax && p.IsSwitch))
        {
            element.Add(new XElement(Command + "parameterValue",
                new XAttribute("required", p.IsSwitch ? "false" : "true"),
                new XAttribute("variableLength", "false"), p.TypeName));
        }
        element.Add(new XElement(Dev + "type", new XElement(Maml + "name", p.FullTypeName), new XElement(Maml + "uri")));
        element.Add(new XElement(Dev + "defaultValue", doc.Fields.TryGetValue("Default value", out var d) && d.Length > 0 ? d : "None"));
        return element;
    }

    private static XElement TypeElement(string name, Block block) =>
        new XElement(Command + name,
            new XElement(Dev + "type", new XElement(Maml + "name", block.Heading)),
            Description(block.Body));

    private static XElement Description(string text) => new XElement(Maml + "description", Paras(text));

    private static IEnumerable<XElement> Paras(string text) =>
        MarkdownHelp.Paragraphs(text).Select(p => new XElement(Maml + "para", Plain(p)));

    /// <summary>Markdown inline marks mean nothing in a console: `code` and **bold** lose their marks.</summary>
    private static string Plain(string text) => text.Replace("`", "").Replace("**", "");

    private static IEnumerable<XElement> Links(string text)
    {
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("[", StringComparison.Ordinal)))
        {
            var close = line.IndexOf("](", StringComparison.Ordinal);
            if (close < 0) continue;
            var label = line.Substring(1, close - 1);
            var uri = line.Substring(close + 2).TrimEnd(')');
            yield return new XElement(Maml + "navigationLink",
                new XElement(Maml + "linkText", label),
                new XElement(Maml + "uri", uri.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? uri : ""));
        }
    }
}
