using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using DasOps.Engine.Config.Xml;
using Xunit;

namespace DasOps.Engine.Tests.Config.Xml;

/// <summary>Checks our parser against System.Xml on the real files: same elements, attributes and text.</summary>
public class XmlTextSystemXmlComparisonTests
{
    [Theory]
    [MemberData(nameof(StockFiles.All), MemberType = typeof(StockFiles))]
    public void ElementSequenceMatchesXmlReader(string name)
    {
        string text = StockFiles.Read(name);
        var expected = new List<(string Name, int Line, int Column)>();
        using (var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }))
        {
            var info = (IXmlLineInfo)reader;
            while (reader.Read())
            {
                // XmlReader positions an element at its name, one character after the '<'.
                if (reader.NodeType == XmlNodeType.Element) expected.Add((reader.Name, info.LineNumber, info.LinePosition - 1));
            }
        }

        var ours = XmlTextRoundTripTests.Descendants(XmlTextDocument.Parse(text, name).Root).ToList();

        Assert.True(expected.Count > 5, "the stock file should have elements");
        Assert.Equal(expected.Select(e => e.Name), ours.Select(e => e.Name));
        Assert.Equal(expected, ours.Select(e => (e.Name, e.Line, e.Column)));
    }

    [Theory]
    [MemberData(nameof(StockFiles.All), MemberType = typeof(StockFiles))]
    public void AttributesAndTextMatchXmlDocument(string name)
    {
        string text = StockFiles.Read(name);
        var xml = SystemXml.Load(text);
        Compare(xml.DocumentElement!, XmlTextDocument.Parse(text, name).Root);
    }

    internal static void Compare(XmlElement expected, XmlTextElement actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        var expectedAttributes = expected.Attributes.Cast<XmlAttribute>().Select(a => (a.Name, a.Value)).ToList();
        Assert.Equal(expectedAttributes, actual.Attributes.Select(a => (a.Name, a.Value)).ToList());
        foreach (var (attrName, value) in expectedAttributes) Assert.Equal(value, actual.GetAttribute(attrName));

        var sb = new StringBuilder();
        foreach (XmlNode n in expected.ChildNodes)
        {
            if (n is XmlCharacterData && !(n is XmlComment)) sb.Append(n.Value);
        }
        Assert.Equal(sb.ToString(), actual.Text);

        var expectedChildren = expected.ChildNodes.OfType<XmlElement>().ToList();
        var actualChildren = actual.Elements().ToList();
        Assert.Equal(expectedChildren.Count, actualChildren.Count);
        for (int i = 0; i < expectedChildren.Count; i++) Compare(expectedChildren[i], actualChildren[i]);
    }
}
