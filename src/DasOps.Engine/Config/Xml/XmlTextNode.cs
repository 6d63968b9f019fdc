using System.Text;

namespace DasOps.Engine.Config.Xml;

/// <summary>
/// One child of an element or of the document. Non-element nodes keep their exact source text in <see cref="Raw"/>
/// so rendering an unedited node gives back the original characters.
/// </summary>
internal sealed class XmlTextNode
{
    public XmlTextNode(XmlTextNodeKind kind, string raw)
    {
        Kind = kind;
        Raw = raw;
    }

    public XmlTextNode(XmlTextElement element)
    {
        Kind = XmlTextNodeKind.Element;
        Raw = string.Empty;
        Element = element;
    }

    public XmlTextNodeKind Kind { get; }

    /// <summary>Exact source text (escaped form for text nodes, delimiters included for comments/CDATA/PIs).</summary>
    public string Raw { get; set; }

    public XmlTextElement? Element { get; }

    /// <summary>True for a text node holding only XML whitespace (indentation, line breaks).</summary>
    public bool IsWhitespaceText => Kind == XmlTextNodeKind.Text && XmlTextChars.IsAllWhitespace(Raw);

    /// <summary>Unescaped value of a text or CDATA node, as a conforming parser reports it.</summary>
    public string Value => Kind switch
    {
        XmlTextNodeKind.Text => XmlTextReferences.Decode(Raw, attribute: false),
        XmlTextNodeKind.CData => XmlTextChars.NormalizeLineEnds(Raw.Substring(9, Raw.Length - 12)),
        _ => string.Empty,
    };

    public void WriteTo(StringBuilder sb)
    {
        if (Element != null) Element.WriteTo(sb);
        else sb.Append(Raw);
    }

    public string Render()
    {
        if (Element == null) return Raw;
        var sb = new StringBuilder();
        Element.WriteTo(sb);
        return sb.ToString();
    }
}
