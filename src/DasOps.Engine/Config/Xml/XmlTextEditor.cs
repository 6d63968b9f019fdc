using System;
using System.Linq;

namespace DasOps.Engine.Config.Xml;

/// <summary>
/// Structural edits behind <see cref="XmlTextElement"/>. Each edit adds or removes only the nodes it needs plus
/// the line break and indentation that keep the file laid out like its neighbours.
/// </summary>
internal static class XmlTextEditor
{
    public static void RequireName(string name, string paramName)
    {
        if (!XmlTextChars.IsValidName(name)) throw new ArgumentException($"'{name}' is not a valid XML name.", paramName);
    }

    /// <summary>Turns <c>&lt;a/&gt;</c> or <c>&lt;a /&gt;</c> into <c>&lt;a&gt;&lt;/a&gt;</c> so content can be added.</summary>
    public static void MakeOpen(XmlTextElement e)
    {
        if (!e.IsSelfClosing) return;
        e.IsSelfClosing = false;
        if (e.StartTagTrailing.IndexOfAny(XmlTextChars.LineBreakChars) < 0) e.StartTagTrailing = string.Empty;
        e.EndTag = "</" + e.Name + ">";
    }

    public static XmlTextElement InsertNextTo(XmlTextElement parent, XmlTextElement sibling, string fragmentXml, bool after)
    {
        int index = IndexOfChild(parent, sibling, nameof(sibling));
        string indent = XmlTextIndentation.LineIndentOf(sibling);
        var element = Prepare(parent, fragmentXml, indent);
        var lineBreak = Whitespace(parent.NewLine + indent);
        if (after) parent.Children.InsertRange(index + 1, new[] { lineBreak, new XmlTextNode(element) });
        else parent.Children.InsertRange(index, new[] { new XmlTextNode(element), lineBreak });
        element.Parent = parent;
        return element;
    }

    public static XmlTextElement Append(XmlTextElement parent, string fragmentXml)
    {
        var last = parent.Elements().LastOrDefault();
        if (last != null) return InsertNextTo(parent, last, fragmentXml, after: true);

        string parentIndent = XmlTextIndentation.LineIndentOf(parent);
        string indent = parentIndent + XmlTextIndentation.UnitFor(parent);
        var element = Prepare(parent, fragmentXml, indent);
        string nl = parent.NewLine;
        var children = parent.Children;
        int lastContent = children.FindLastIndex(n => !n.IsWhitespaceText);
        if (lastContent < 0)
        {
            // Empty, self-closing or whitespace only: lay out from scratch so the result does not depend on
            // what whitespace was there (this is what makes clear-then-append idempotent).
            children.Clear();
            children.Add(Whitespace(nl + indent));
            children.Add(new XmlTextNode(element));
            children.Add(Whitespace(nl + parentIndent));
        }
        else
        {
            // Only comments or text so far: add the element after them and keep the closing layout.
            bool closingBreak = children.Skip(lastContent + 1)
                .Any(n => n.Raw.IndexOfAny(XmlTextChars.LineBreakChars) >= 0);
            children.InsertRange(lastContent + 1, new[] { Whitespace(nl + indent), new XmlTextNode(element) });
            if (!closingBreak) children.Insert(lastContent + 3, Whitespace(nl + parentIndent));
        }
        MakeOpen(parent);
        element.Parent = parent;
        return element;
    }

    public static XmlTextElement Replace(XmlTextElement parent, XmlTextElement child, string fragmentXml)
    {
        int index = IndexOfChild(parent, child, nameof(child));
        var element = Prepare(parent, fragmentXml, XmlTextIndentation.LineIndentOf(child));
        parent.Children[index] = new XmlTextNode(element);
        child.Parent = null;
        element.Parent = parent;
        return element;
    }

    public static void Remove(XmlTextElement e)
    {
        var parent = e.Parent
            ?? throw new InvalidOperationException("The root element or a detached element cannot be removed.");
        var siblings = parent.Children;
        int index = IndexOfChild(parent, e, nameof(e));
        var prev = index > 0 ? siblings[index - 1] : null;
        var next = index + 1 < siblings.Count ? siblings[index + 1] : null;

        if (prev != null && prev.Kind == XmlTextNodeKind.Text)
        {
            int lineBreak = XmlTextChars.LastLineBreakStart(prev.Raw);
            int indentStart = prev.Raw.LastIndexOfAny(XmlTextChars.LineBreakChars) + 1;
            bool ownLine = lineBreak >= 0 && XmlTextChars.LeadingBlankLength(prev.Raw, indentStart) == prev.Raw.Length - indentStart;
            int trailing = next == null ? 0 : XmlTextChars.LeadingBlankLength(next.Raw);
            bool lineEnds = next == null
                || (next.Kind == XmlTextNodeKind.Text && trailing < next.Raw.Length
                    && (next.Raw[trailing] == '\n' || next.Raw[trailing] == '\r'));
            if (ownLine && lineEnds)
            {
                // Drop "NL indent" before the element and blanks after it: the line disappears entirely.
                prev.Raw = prev.Raw.Substring(0, lineBreak);
                if (next != null) next.Raw = next.Raw.Substring(trailing);
            }
        }

        siblings.RemoveAt(index);
        e.Parent = null;
        siblings.RemoveAll(n => n.Kind == XmlTextNodeKind.Text && n.Raw.Length == 0);
    }

    public static void Clear(XmlTextElement e)
    {
        if (e.IsSelfClosing || e.Children.Count == 0) return;
        string indent = XmlTextIndentation.LineIndentOf(e);
        e.DetachChildren();
        e.Children.Add(Whitespace(e.NewLine + indent));
    }

    private static XmlTextElement Prepare(XmlTextElement parent, string fragmentXml, string indent) =>
        XmlTextFragment.Prepare(fragmentXml, indent, XmlTextIndentation.UnitFor(parent), parent.NewLine);

    private static XmlTextNode Whitespace(string text) => new XmlTextNode(XmlTextNodeKind.Text, text);

    private static int IndexOfChild(XmlTextElement parent, XmlTextElement child, string paramName)
    {
        if (child == null) throw new ArgumentNullException(paramName);
        int index = parent.Children.FindIndex(n => ReferenceEquals(n.Element, child));
        if (index < 0) throw new ArgumentException($"<{child.Name}> is not a child of <{parent.Name}>.", paramName);
        return index;
    }
}
