using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DasOps.Engine.Config.Xml;

/// <summary>
/// A lossless XML document: <see cref="ToString"/> returns the parsed text byte-for-byte (BOM, declaration,
/// comments, quotes, whitespace, line endings) except where an edit was made. System.Xml cannot do this, and a
/// configuration run must not reformat files it only partly changes.
/// </summary>
public sealed class XmlTextDocument
{
    private XmlTextDocument(List<XmlTextNode> nodes, string newLine, string sourceName)
    {
        Nodes = nodes;
        NewLine = newLine;
        SourceName = sourceName;
        Root = nodes.First(n => n.Element != null).Element!;
        Root.OwnerDocument = this;
    }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="XmlTextException"/> if it is not well-formed.</summary>
    public static XmlTextDocument Parse(string text, string sourceName)
    {
        if (text == null) throw new ArgumentNullException(nameof(text));
        if (sourceName == null) throw new ArgumentNullException(nameof(sourceName));
        var nodes = XmlTextParser.ParseDocument(text, sourceName);
        return new XmlTextDocument(nodes, DetectNewLine(text), sourceName);
    }

    public XmlTextElement Root { get; }

    /// <summary>"\r\n" if the first line break of the source is CRLF, else "\n"; used for inserted lines.</summary>
    public string NewLine { get; }

    internal string SourceName { get; }

    /// <summary>Top-level nodes: BOM, declaration, comments, whitespace, DOCTYPE and the root element.</summary>
    internal List<XmlTextNode> Nodes { get; }

    /// <summary>The exact current text of the document.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var n in Nodes) n.WriteTo(sb);
        return sb.ToString();
    }

    private static string DetectNewLine(string text)
    {
        int lf = text.IndexOf('\n');
        return lf > 0 && text[lf - 1] == '\r' ? "\r\n" : "\n";
    }
}
