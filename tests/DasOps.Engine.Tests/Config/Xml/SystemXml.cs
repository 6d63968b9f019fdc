using System.IO;
using System.Xml;

namespace DasOps.Engine.Tests.Config.Xml;

/// <summary>
/// Loads text with a conforming System.Xml reader. XmlDocument.LoadXml uses the legacy XmlTextReader without
/// end-of-line and attribute normalization or character checks, so it is not a fair reference.
/// </summary>
internal static class SystemXml
{
    public static XmlDocument Load(string text)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = XmlReader.Create(new StringReader(text), settings)) doc.Load(reader);
        return doc;
    }
}
