using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DasOps.Engine.Config.Xml;

/// <summary>
/// An element of an <see cref="XmlTextDocument"/>. Reads give the values a conforming parser would report; edits
/// touch only the characters they must, so the rest of the file stays byte-identical, and an edit that would not
/// change the value leaves the text alone (which is what makes re-running a configuration step a no-op).
/// </summary>
public sealed class XmlTextElement
{
    private readonly List<XmlTextAttribute> _attributes = new List<XmlTextAttribute>();

    internal XmlTextElement(string name, int line, int column)
    {
        Name = name;
        Line = line;
        Column = column;
    }

    /// <summary>Qualified name as written, e.g. <c>svns:secret</c>.</summary>
    public string Name { get; }

    public XmlTextElement? Parent { get; internal set; }

    /// <summary>1-based line of the '&lt;' in the parsed source; 0 for elements added by an edit.</summary>
    public int Line { get; internal set; }

    /// <summary>1-based column of the '&lt;' in the parsed source; 0 for elements added by an edit.</summary>
    public int Column { get; internal set; }

    internal List<XmlTextNode> Children { get; } = new List<XmlTextNode>();

    internal IReadOnlyList<XmlTextAttribute> Attributes => _attributes;

    /// <summary>Whitespace between the last attribute (or the name) and '&gt;' or '/&gt;'.</summary>
    internal string StartTagTrailing { get; set; } = string.Empty;

    internal bool IsSelfClosing { get; set; }

    /// <summary>Exact end tag text, e.g. <c>&lt;/a&gt;</c>; empty while self-closing.</summary>
    internal string EndTag { get; set; } = string.Empty;

    /// <summary>Set on the root element only; other elements find it through their ancestors.</summary>
    internal XmlTextDocument? OwnerDocument { get; set; }

    internal XmlTextDocument? Document
    {
        get
        {
            var e = this;
            while (e.Parent != null) e = e.Parent;
            return e.OwnerDocument;
        }
    }

    internal string NewLine => Document?.NewLine ?? "\n";

    /// <summary>Child elements in document order (a snapshot, so callers may edit while iterating).</summary>
    public IEnumerable<XmlTextElement> Elements() =>
        Children.Where(n => n.Element != null).Select(n => n.Element!).ToArray();

    public IEnumerable<XmlTextElement> Elements(string name) => Elements().Where(e => e.Name == name).ToArray();

    public XmlTextElement? Element(string name) => Elements().FirstOrDefault(e => e.Name == name);

    /// <summary>First child <paramref name="name"/> whose attribute <paramref name="attr"/> equals <paramref name="value"/>.</summary>
    public XmlTextElement? Element(string name, string attr, string value) =>
        Elements().FirstOrDefault(e => e.Name == name && e.GetAttribute(attr) == value);

    /// <summary>First child <paramref name="name"/> having a child <paramref name="childName"/> whose text equals <paramref name="childText"/>.</summary>
    public XmlTextElement? ElementWithChild(string name, string childName, string childText) =>
        Elements().FirstOrDefault(e => e.Name == name && e.Elements(childName).Any(c => c.Text == childText));

    public string? GetAttribute(string name) => FindAttribute(name)?.Value;

    /// <summary>
    /// Sets an attribute. An existing attribute keeps its position, spacing and quote character; a missing one is
    /// appended after the last attribute as <c> name="value"</c>. Returns false when the value is already equal.
    /// </summary>
    public bool SetAttribute(string name, string value)
    {
        XmlTextEditor.RequireName(name, nameof(name));
        if (value == null) throw new ArgumentNullException(nameof(value));
        var existing = FindAttribute(name);
        if (existing != null)
        {
            if (existing.Value == value) return false;
            existing.RawValue = XmlTextEscaping.EscapeAttribute(value, existing.Quote);
            return true;
        }
        _attributes.Add(new XmlTextAttribute(" ", name, "=", '"', XmlTextEscaping.EscapeAttribute(value, '"')));
        return true;
    }

    /// <summary>Unescaped concatenation of the direct text and CDATA children, not trimmed.</summary>
    public string Text
    {
        get
        {
            var sb = new StringBuilder();
            foreach (var n in Children) sb.Append(n.Value);
            return sb.ToString();
        }
    }

    /// <summary>
    /// Replaces all content with one escaped text node. Returns false (and changes nothing) when the element
    /// already holds exactly that value as its only content.
    /// </summary>
    public bool SetText(string value)
    {
        if (value == null) throw new ArgumentNullException(nameof(value));
        var content = Children.Where(n => n.Element != null || n.Raw.Length > 0).ToList();
        if (content.Count == 0 && value.Length == 0) return false;
        if (content.Count == 1 && (content[0].Kind == XmlTextNodeKind.Text || content[0].Kind == XmlTextNodeKind.CData)
            && content[0].Value == value)
        {
            return false;
        }
        DetachChildren();
        if (value.Length > 0)
        {
            // LF is written in the document's own line-break style so a CRLF file gains no lone LF; parsers
            // read CRLF back as LF, and a CR in the value is already a character reference.
            string raw = XmlTextChars.ConvertLineBreaks(XmlTextEscaping.EscapeText(value), NewLine);
            Children.Add(new XmlTextNode(XmlTextNodeKind.Text, raw));
        }
        XmlTextEditor.MakeOpen(this);
        return true;
    }

    /// <summary>The first child element <paramref name="name"/>, or a new empty one appended via <see cref="AppendElement"/>.</summary>
    public XmlTextElement GetOrAddElement(string name)
    {
        XmlTextEditor.RequireName(name, nameof(name));
        return Element(name) ?? AppendElement("<" + name + "></" + name + ">");
    }

    /// <summary>Sets the text of child <paramref name="childName"/>, adding the child if missing; true if anything changed.</summary>
    public bool SetChildText(string childName, string value)
    {
        bool added = Element(childName) == null;
        bool changed = GetOrAddElement(childName).SetText(value);
        return added || changed;
    }

    /// <summary>Appends a fragment after the last child element (or inside an element that has none).</summary>
    public XmlTextElement AppendElement(string fragmentXml) => XmlTextEditor.Append(this, fragmentXml);

    public XmlTextElement InsertAfter(XmlTextElement sibling, string fragmentXml) =>
        XmlTextEditor.InsertNextTo(this, sibling, fragmentXml, after: true);

    public XmlTextElement InsertBefore(XmlTextElement sibling, string fragmentXml) =>
        XmlTextEditor.InsertNextTo(this, sibling, fragmentXml, after: false);

    /// <summary>Replaces <paramref name="child"/> with the fragment, at the child's indentation; returns the new element.</summary>
    public XmlTextElement ReplaceElement(XmlTextElement child, string fragmentXml) =>
        XmlTextEditor.Replace(this, child, fragmentXml);

    /// <summary>Removes this element and the line break and indentation before it, so no blank line is left.</summary>
    public void Remove() => XmlTextEditor.Remove(this);

    /// <summary>
    /// Removes all content (elements, comments, text) and leaves <c>&lt;x&gt;</c> NL indent <c>&lt;/x&gt;</c>, so that
    /// following <see cref="AppendElement"/> calls build a neatly indented list. An element that is self-closing or
    /// already has no content is left as is (AppendElement lays it out the same way).
    /// </summary>
    public void RemoveChildElements() => XmlTextEditor.Clear(this);

    /// <summary>Exact current text of this element.</summary>
    public string OuterXml
    {
        get
        {
            var sb = new StringBuilder();
            WriteTo(sb);
            return sb.ToString();
        }
    }

    internal XmlTextAttribute? FindAttribute(string name)
    {
        foreach (var a in _attributes)
        {
            if (a.Name == name) return a;
        }
        return null;
    }

    internal void AddAttribute(XmlTextAttribute attribute) => _attributes.Add(attribute);

    internal void DetachChildren()
    {
        foreach (var n in Children)
        {
            if (n.Element != null) n.Element.Parent = null;
        }
        Children.Clear();
    }

    internal void WriteStartTag(StringBuilder sb)
    {
        sb.Append('<').Append(Name);
        foreach (var a in _attributes) a.WriteTo(sb);
        sb.Append(StartTagTrailing).Append(IsSelfClosing ? "/>" : ">");
    }

    internal void WriteTo(StringBuilder sb)
    {
        WriteStartTag(sb);
        if (IsSelfClosing) return;
        foreach (var n in Children) n.WriteTo(sb);
        sb.Append(EndTag);
    }
}
