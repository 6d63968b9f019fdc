using System.Text;

namespace DasOps.Engine.Config.Xml;

/// <summary>
/// One attribute with the exact whitespace before it, the exact `=` separator (which may contain spaces) and its
/// quote character, so that an unedited attribute renders byte-identically.
/// </summary>
internal sealed class XmlTextAttribute
{
    public XmlTextAttribute(string leading, string name, string separator, char quote, string rawValue)
    {
        Leading = leading;
        Name = name;
        Separator = separator;
        Quote = quote;
        RawValue = rawValue;
    }

    /// <summary>Whitespace between the previous token and the name; may contain line breaks.</summary>
    public string Leading { get; set; }

    public string Name { get; }

    public string Separator { get; }

    public char Quote { get; }

    /// <summary>The value as written, between the quotes, still escaped.</summary>
    public string RawValue { get; set; }

    /// <summary>The value after reference expansion and attribute-value normalization.</summary>
    public string Value => XmlTextReferences.Decode(RawValue, attribute: true);

    public void WriteTo(StringBuilder sb)
    {
        sb.Append(Leading).Append(Name).Append(Separator).Append(Quote).Append(RawValue).Append(Quote);
    }
}
