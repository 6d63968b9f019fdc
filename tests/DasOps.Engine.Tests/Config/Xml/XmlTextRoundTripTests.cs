using System.Collections.Generic;
using System.IO;
using System.Linq;
using DasOps.Engine.Config.Xml;
using Xunit;

namespace DasOps.Engine.Tests.Config.Xml;

public class XmlTextRoundTripTests
{
    [Theory]
    [MemberData(nameof(StockFiles.All), MemberType = typeof(StockFiles))]
    public void StockFileRoundTripsByteForByte(string name)
    {
        byte[] original = StockFiles.ReadBytes(name);
        var doc = XmlTextDocument.Parse(StockFiles.Read(name), name);

        byte[] written = StockFiles.Encode(doc.ToString());

        Assert.Equal(original, written);
    }

    [Fact]
    public void EveryStockXmlFileIsCovered()
    {
        string conf = StockFiles.ConfDirectory();
        var found = Directory.GetFiles(conf, "*.xml", SearchOption.AllDirectories)
            .Select(p => p.Substring(conf.Length + 1).Replace(Path.DirectorySeparatorChar, '/'))
            .OrderBy(p => p, System.StringComparer.Ordinal);
        Assert.Equal(StockFiles.Names.OrderBy(p => p, System.StringComparer.Ordinal), found);
    }

    [Fact]
    public void Axis2IsCrlfAndOthersAreLf()
    {
        Assert.Equal("\r\n", XmlTextDocument.Parse(StockFiles.Read("axis2/axis2.xml"), "axis2.xml").NewLine);
        Assert.Equal("\n", XmlTextDocument.Parse(StockFiles.Read("carbon.xml"), "carbon.xml").NewLine);
    }

    public static TheoryData<string> TrickySamples() => new TheoryData<string>
    {
        "<a/>",
        "<a />",
        "<a></a>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<a>\r\n    <b x='1'  y = \"2\"\r\n       z='3'/>\r\n</a>\r\n",
        "<a>\n\t<b>tab\tindented</b>\n</a>",
        "<root><![CDATA[<not> & markup ]] > ]]></root>",
        "<p name=\"url\">https://${hostName}:${httpsPort}/services/</p>\n",
        "<members>\n    <!--<member>\n        <hostName>x</hostName>\n    </member>-->\n</members>\n",
        "\uFEFF<?xml version='1.0'?>\n<!-- c --><a>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;</a>\n<!-- trailing -->\n<?pi data?>\n",
        "<!DOCTYPE a [\n  <!ELEMENT a (#PCDATA)>\n  <!-- ] > -->\n]>\n<a>x</a>",
        "<svns:secret xmlns:svns=\"http://org.wso2.securevault/configuration\" svns:alias=\"k\">v</svns:secret>",
        "<a b=\"x&#10;y&#9;z\"\n   c='it&apos;s'   >  spaced  </a   >",
        "<a>\r\n  mixed\r\n  <b/>\r\n  text\r\n</a>",
        "<a><!----></a>",
        "<a>line1\rline2</a>",
        "<a>\u00e9\u4e2d\U0001F600</a>",
    };

    [Theory]
    [MemberData(nameof(TrickySamples))]
    public void TrickySampleRoundTrips(string xml)
    {
        Assert.Equal(xml, XmlTextDocument.Parse(xml, "sample").ToString());
    }

    [Fact]
    public void TextKeepsWhitespaceAndExpandsReferences()
    {
        var doc = XmlTextDocument.Parse("<a>\r\n  x &amp; <![CDATA[<y>]]>&#13;\r\n</a>", "t");
        Assert.Equal("\n  x & <y>\r\n", doc.Root.Text);
    }

    [Fact]
    public void AttributeValuesAreNormalizedLikeAParser()
    {
        var doc = XmlTextDocument.Parse("<a x='1\r\n2\t3' y=\"&#10;&quot;\"/>", "t");
        Assert.Equal("1 2 3", doc.Root.GetAttribute("x"));
        Assert.Equal("\n\"", doc.Root.GetAttribute("y"));
        Assert.Null(doc.Root.GetAttribute("z"));
    }

    [Fact]
    public void ElementsReportSourcePositions()
    {
        var doc = XmlTextDocument.Parse("<?xml version=\"1.0\"?>\r\n<a>\r\n\t<b/><c/>\r\n</a>", "t");
        var b = doc.Root.Element("b")!;
        var c = doc.Root.Element("c")!;
        Assert.Equal((2, 1), (doc.Root.Line, doc.Root.Column));
        Assert.Equal((3, 2), (b.Line, b.Column));
        Assert.Equal((3, 6), (c.Line, c.Column));
        Assert.Same(doc.Root, c.Parent);
        Assert.Null(doc.Root.Parent);
    }

    [Fact]
    public void NavigationFindsElementsByNameAttributeAndChildText()
    {
        var doc = XmlTextDocument.Parse(StockFiles.Read("datasources/master-datasources.xml"), "m");
        var datasources = doc.Root.Element("datasources")!;
        var carbon = datasources.ElementWithChild("datasource", "name", "WSO2_CARBON_DB");
        Assert.NotNull(carbon);
        Assert.Equal("RDBMS", carbon!.Element("definition")!.GetAttribute("type"));
        Assert.Null(datasources.ElementWithChild("datasource", "name", "NOPE"));
        Assert.Single(datasources.Elements("datasource"));

        var axis2 = XmlTextDocument.Parse(StockFiles.Read("axis2/axis2.xml"), "a");
        var host = axis2.Root.Element("clustering")!.Element("parameter", "name", "localMemberHost");
        Assert.Equal("127.0.0.1", host!.Text);
        Assert.Equal(655, host.Line);
        Assert.Equal(9, host.Column);
        Assert.Equal("<parameter name=\"localMemberHost\">127.0.0.1</parameter>", host.OuterXml);
        Assert.Null(axis2.Root.Element("clustering")!.Element("parameter", "name", "nope"));
    }

    [Fact]
    public void ElementsReturnsChildElementsOnlyInOrder()
    {
        var doc = XmlTextDocument.Parse("<a>t<!--<x/>--><b/><?p?><c/><![CDATA[<d/>]]><b/></a>", "t");
        Assert.Equal(new[] { "b", "c", "b" }, doc.Root.Elements().Select(e => e.Name));
        Assert.Equal(2, doc.Root.Elements("b").Count());
        Assert.Empty(doc.Root.Elements("x"));
    }

    internal static IEnumerable<XmlTextElement> Descendants(XmlTextElement e)
    {
        yield return e;
        foreach (var c in e.Elements())
        {
            foreach (var d in Descendants(c)) yield return d;
        }
    }
}
