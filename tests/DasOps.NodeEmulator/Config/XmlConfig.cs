using System.Globalization;
using System.Xml;

namespace DasOps.NodeEmulator;

/// <summary>
/// XmlDocument loading and namespace-agnostic navigation. Parsing with System.Xml (not the DasOps engine)
/// is what makes the emulator an independent check of the files DasOps writes. Element names are matched
/// case-sensitively, as Axiom/StAX in the real node does.
/// </summary>
internal static class XmlConfig
{
    /// <summary>Loads a config file or refuses, naming the file and (for parse errors) the line.</summary>
    public static XmlElement Load(string path, string logger, string whatFails)
    {
        if (!File.Exists(path))
            throw new RefusalException(logger, $"{whatFails}: configuration file {path} does not exist",
                $"java.io.FileNotFoundException: {path} (No such file or directory)");
        var doc = new XmlDocument { XmlResolver = null };
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
            using var reader = XmlReader.Create(path, settings);
            doc.Load(reader);
        }
        catch (XmlException e)
        {
            throw new RefusalException(logger,
                $"{whatFails}: Error while parsing {path} at line {e.LineNumber}, column {e.LinePosition}: {e.Message}",
                $"javax.xml.stream.XMLStreamException: ParseError at [row,col]:[{e.LineNumber},{e.LinePosition}]\n" +
                $"Message: {e.Message}");
        }
        return doc.DocumentElement
               ?? throw new RefusalException(logger, $"{whatFails}: {path} has no document element");
    }

    public static IEnumerable<XmlElement> Children(XmlElement? parent, string localName) =>
        parent == null
            ? []
            : parent.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == localName);

    public static XmlElement? Child(XmlElement? parent, string localName) => Children(parent, localName).FirstOrDefault();

    /// <summary>Follows a path of child element names; null when any step is missing.</summary>
    public static XmlElement? Path(XmlElement? root, params string[] names)
    {
        var current = root;
        foreach (var name in names)
            current = Child(current, name);
        return current;
    }

    public static string? Text(XmlElement? element) => element?.InnerText.Trim();

    public static string? ChildText(XmlElement? parent, string localName) => Text(Child(parent, localName));

    /// <summary>Attribute value compared like Java equalsIgnoreCase("true").</summary>
    public static bool AttrTrue(XmlElement? element, string attribute) =>
        element != null && element.GetAttribute(attribute).Trim().Equals("true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses an integer setting; a bad number refuses like the NumberFormatException a real node would hit.</summary>
    public static int Int(string? text, int fallback, string logger, string file, string setting)
    {
        if (string.IsNullOrWhiteSpace(text))
            return fallback;
        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            return value;
        throw new RefusalException(logger, $"Invalid value '{text.Trim()}' for {setting} in {file}",
            $"java.lang.NumberFormatException: For input string: \"{text.Trim()}\"");
    }
}
