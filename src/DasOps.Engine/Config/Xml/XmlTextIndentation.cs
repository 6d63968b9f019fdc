using System;
using System.Collections.Generic;
using System.Text;

namespace DasOps.Engine.Config.Xml;

/// <summary>
/// Reads indentation from the document itself, so inserted elements line up with their neighbours whatever
/// style (2 spaces, 4 spaces, tabs) the file uses.
/// </summary>
internal static class XmlTextIndentation
{
    public const string DefaultUnit = "    ";

    /// <summary>Leading spaces and tabs of the line on which <paramref name="element"/>'s '&lt;' sits.</summary>
    public static string LineIndentOf(XmlTextElement element)
    {
        string before = TextBeforeOnLine(element, out _);
        return before.Substring(0, XmlTextChars.LeadingBlankLength(before));
    }

    /// <summary>True if only spaces and tabs precede the element on its line, and it is not the first line.</summary>
    public static bool StartsLine(XmlTextElement element)
    {
        string before = TextBeforeOnLine(element, out bool afterBreak);
        return afterBreak && XmlTextChars.LeadingBlankLength(before) == before.Length;
    }

    /// <summary>
    /// The indentation step: the difference between an element's indentation and that of a child on its own line,
    /// taken from <paramref name="element"/> or its nearest ancestor that shows one.
    /// </summary>
    public static string UnitFor(XmlTextElement element)
    {
        for (var a = element; a != null; a = a.Parent)
        {
            string parentIndent = LineIndentOf(a);
            foreach (var child in a.Elements())
            {
                if (!StartsLine(child)) continue;
                string childIndent = LineIndentOf(child);
                if (childIndent.Length > parentIndent.Length && childIndent.StartsWith(parentIndent, StringComparison.Ordinal))
                {
                    return childIndent.Substring(parentIndent.Length);
                }
            }
        }
        return DefaultUnit;
    }

    // Walks backwards from the element's '<' through preceding siblings and enclosing start tags until a line
    // break, and returns the text between that break and the element.
    private static string TextBeforeOnLine(XmlTextElement element, out bool afterBreak)
    {
        var parts = new List<string>();
        var current = element;
        afterBreak = false;
        while (true)
        {
            var siblings = current.Parent?.Children ?? current.OwnerDocument?.Nodes ?? new List<XmlTextNode>();
            int index = siblings.FindIndex(n => ReferenceEquals(n.Element, current));
            for (int i = index - 1; i >= 0; i--)
            {
                if (AddUntilBreak(parts, siblings[i].Render()))
                {
                    afterBreak = true;
                    return Join(parts);
                }
            }
            if (current.Parent == null) return Join(parts);
            var sb = new StringBuilder();
            current.Parent.WriteStartTag(sb);
            if (AddUntilBreak(parts, sb.ToString()))
            {
                afterBreak = true;
                return Join(parts);
            }
            current = current.Parent;
        }
    }

    private static bool AddUntilBreak(List<string> parts, string text)
    {
        int lastBreak = text.LastIndexOfAny(XmlTextChars.LineBreakChars);
        parts.Add(lastBreak < 0 ? text : text.Substring(lastBreak + 1));
        return lastBreak >= 0;
    }

    private static string Join(List<string> parts)
    {
        parts.Reverse();
        return string.Concat(parts);
    }
}
