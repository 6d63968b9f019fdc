using System;
using System.Collections.Generic;
using System.Text;

namespace DasOps.Engine.Config.Xml;

/// <summary>
/// Turns caller-written XML text for one element into a detached element laid out for its destination: the
/// fragment's own base indentation is removed, its indent step is converted to the document's, every line after
/// the first is prefixed with the destination indentation, and line breaks follow the document.
/// Only layout whitespace (between tags, inside tags, in comments) is re-indented; text, CDATA and attribute
/// values only get their line breaks converted, which parsers read back identically.
/// </summary>
internal sealed class XmlTextFragment
{
    private readonly string _indent;
    private readonly string _unit;
    private readonly string _newLine;
    private string _common = string.Empty;
    private string? _fragmentUnit;
    private readonly Dictionary<XmlTextElement, string> _elementIndents = new Dictionary<XmlTextElement, string>();

    private XmlTextFragment(string indent, string unit, string newLine)
    {
        _indent = indent;
        _unit = unit;
        _newLine = newLine;
    }

    /// <summary>Validates and lays out <paramref name="fragmentXml"/>; throws <see cref="ArgumentException"/> if malformed.</summary>
    public static XmlTextElement Prepare(string fragmentXml, string indent, string unit, string newLine)
    {
        if (fragmentXml == null) throw new ArgumentNullException(nameof(fragmentXml));
        XmlTextDocument doc;
        try
        {
            doc = XmlTextDocument.Parse(fragmentXml, "fragment");
        }
        catch (XmlTextException ex)
        {
            throw new ArgumentException("The XML fragment is not well-formed: " + ex.Message, nameof(fragmentXml), ex);
        }
        foreach (var n in doc.Nodes)
        {
            if (n.Element == null && !n.IsWhitespaceText)
            {
                throw new ArgumentException(
                    "An XML fragment must be exactly one element, with nothing but whitespace outside it.", nameof(fragmentXml));
            }
        }

        var root = doc.Root;
        var layout = new XmlTextFragment(indent, unit, newLine);
        var all = new List<string> { XmlTextIndentation.LineIndentOf(root) };
        var structural = new List<string>();
        layout.Collect(root, all, structural);
        layout.Measure(all, structural);
        layout.Rewrite(root);
        root.OwnerDocument = null;
        return root;
    }

    // Gathers the indentation of every line we may re-indent: `all` decides the common prefix to strip,
    // `structural` (lines before tags) decides the fragment's own indent step.
    // Attribute continuation lines are not collected: they are aligned to their own element's line instead.
    private void Collect(XmlTextElement e, List<string> all, List<string> structural)
    {
        _elementIndents[e] = XmlTextIndentation.LineIndentOf(e);
        foreach (var n in e.Children)
        {
            if (n.Element != null)
            {
                Collect(n.Element, all, structural);
            }
            else if (n.IsWhitespaceText)
            {
                AddLastSegment(n.Raw, all, structural);
            }
            else if (n.Kind == XmlTextNodeKind.Comment)
            {
                var lines = SplitLines(n.Raw);
                for (int i = 1; i < lines.Count; i++)
                {
                    int blank = XmlTextChars.LeadingBlankLength(lines[i]);
                    if (blank < lines[i].Length) all.Add(lines[i].Substring(0, blank));
                }
            }
        }
    }

    private static void AddLastSegment(string whitespace, List<string> all, List<string> structural)
    {
        var lines = SplitLines(whitespace);
        if (lines.Count < 2) return;
        all.Add(lines[lines.Count - 1]);
        structural.Add(lines[lines.Count - 1]);
    }

    private void Measure(List<string> all, List<string> structural)
    {
        _common = all[0];
        foreach (string s in all) _common = _common.Substring(0, CommonPrefixLength(_common, s));
        foreach (string s in structural)
        {
            string rel = s.Substring(CommonPrefixLength(s, _common));
            if (rel.Length > 0 && (_fragmentUnit == null || rel.Length < _fragmentUnit.Length)) _fragmentUnit = rel;
        }
    }

    private void Rewrite(XmlTextElement e)
    {
        e.Line = 0;
        e.Column = 0;
        string ownIndent = _elementIndents[e];
        foreach (var a in e.Attributes)
        {
            a.Leading = ReflowAligned(a.Leading, ownIndent);
            a.RawValue = XmlTextChars.ConvertLineBreaks(a.RawValue, _newLine);
        }
        e.StartTagTrailing = ReflowAligned(e.StartTagTrailing, ownIndent);
        e.EndTag = XmlTextChars.ConvertLineBreaks(e.EndTag, _newLine);
        foreach (var n in e.Children)
        {
            if (n.Element != null) Rewrite(n.Element);
            else if (n.IsWhitespaceText) n.Raw = Reflow(n.Raw);
            else if (n.Kind == XmlTextNodeKind.Comment) n.Raw = ReflowComment(n.Raw);
            else n.Raw = XmlTextChars.ConvertLineBreaks(n.Raw, _newLine);
        }
    }

    // Whitespace between tokens: keeps the first segment, empties blank lines, re-indents the last line.
    private string Reflow(string whitespace)
    {
        var lines = SplitLines(whitespace);
        if (lines.Count < 2) return whitespace;
        var sb = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.Count - 1; i++) sb.Append(_newLine);
        sb.Append(_newLine).Append(_indent).Append(Relative(lines[lines.Count - 1]));
        return sb.ToString();
    }

    // Whitespace inside a start tag: attributes on continuation lines are often aligned under the first one, so
    // they keep their offset from the element's own line instead of being converted level by level.
    private string ReflowAligned(string whitespace, string ownIndent)
    {
        var lines = SplitLines(whitespace);
        if (lines.Count < 2) return whitespace;
        string last = lines[lines.Count - 1];
        if (!last.StartsWith(ownIndent, StringComparison.Ordinal)) return Reflow(whitespace);
        var sb = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.Count - 1; i++) sb.Append(_newLine);
        sb.Append(_newLine).Append(_indent).Append(Relative(ownIndent)).Append(last, ownIndent.Length, last.Length - ownIndent.Length);
        return sb.ToString();
    }

    private string ReflowComment(string raw)
    {
        var lines = SplitLines(raw);
        if (lines.Count < 2) return raw;
        var sb = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.Count; i++)
        {
            string line = lines[i];
            int blank = XmlTextChars.LeadingBlankLength(line);
            sb.Append(_newLine);
            if (blank == line.Length) continue;
            sb.Append(_indent).Append(Relative(line.Substring(0, blank))).Append(line, blank, line.Length - blank);
        }
        return sb.ToString();
    }

    // Indentation relative to the fragment's base, expressed in the document's indent step.
    private string Relative(string lineIndent)
    {
        string rel = lineIndent.Substring(CommonPrefixLength(lineIndent, _common));
        if (_fragmentUnit == null || _fragmentUnit == _unit) return rel;
        int levels = 0;
        int pos = 0;
        while (pos + _fragmentUnit.Length <= rel.Length
            && string.CompareOrdinal(rel, pos, _fragmentUnit, 0, _fragmentUnit.Length) == 0)
        {
            levels++;
            pos += _fragmentUnit.Length;
        }
        var sb = new StringBuilder();
        for (int i = 0; i < levels; i++) sb.Append(_unit);
        return sb.Append(rel, pos, rel.Length - pos).ToString();
    }

    private static int CommonPrefixLength(string a, string b)
    {
        int n = Math.Min(a.Length, b.Length);
        int i = 0;
        while (i < n && a[i] == b[i]) i++;
        return i;
    }

    /// <summary>Splits on CRLF, CR and LF; n breaks give n + 1 segments.</summary>
    private static List<string> SplitLines(string s)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c != '\r' && c != '\n') continue;
            lines.Add(s.Substring(start, i - start));
            if (c == '\r' && i + 1 < s.Length && s[i + 1] == '\n') i++;
            start = i + 1;
        }
        lines.Add(s.Substring(start));
        return lines;
    }
}
