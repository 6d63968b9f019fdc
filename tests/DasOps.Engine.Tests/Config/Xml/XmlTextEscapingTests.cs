using System;
using System.Xml;
using DasOps.Engine.Config.Xml;
using Xunit;

namespace DasOps.Engine.Tests.Config.Xml;

public class XmlTextEscapingTests
{
    public static TheoryData<string> Secrets() => new TheoryData<string>
    {
        "p<&\"'$;x",
        "${carbon.home}&amp;]]>",
        " lead and trail ",
        "tab\tcr\rlf\ncrlf\r\nend",
        "\u00e9\U0001F600<>",
        "",
    };

    [Theory]
    [MemberData(nameof(Secrets))]
    public void SetTextValueIsReadBackBySystemXml(string secret)
    {
        var doc = XmlTextDocument.Parse("<root>\r\n    <password>old</password>\r\n</root>\r\n", "t");
        var password = doc.Root.Element("password")!;

        Assert.True(password.SetText(secret));
        string text = doc.ToString();

        var xml = SystemXml.Load(text);
        Assert.Equal(secret, xml.SelectSingleNode("/root/password")!.InnerText);
        Assert.Equal(secret, XmlTextDocument.Parse(text, "t").Root.Element("password")!.Text);
        Assert.False(password.SetText(secret));
        Assert.Equal(text, doc.ToString());
    }

    [Theory]
    [MemberData(nameof(Secrets))]
    public void SetAttributeValueIsReadBackBySystemXmlWithBothQuoteStyles(string secret)
    {
        var doc = XmlTextDocument.Parse("<root><a d=\"1\" s='2'/></root>", "t");
        var a = doc.Root.Element("a")!;

        Assert.True(a.SetAttribute("d", secret));
        Assert.True(a.SetAttribute("s", secret));
        Assert.True(a.SetAttribute("n", secret));
        string text = doc.ToString();

        Assert.StartsWith("<root><a d=\"", text, StringComparison.Ordinal);
        Assert.Contains(" s='", text, StringComparison.Ordinal);
        Assert.Contains(" n=\"", text, StringComparison.Ordinal);
        var xml = SystemXml.Load(text);
        var element = (XmlElement)xml.SelectSingleNode("/root/a")!;
        Assert.Equal(secret, element.GetAttribute("d"));
        Assert.Equal(secret, element.GetAttribute("s"));
        Assert.Equal(secret, element.GetAttribute("n"));
        var reread = XmlTextDocument.Parse(text, "t").Root.Element("a")!;
        Assert.Equal(secret, reread.GetAttribute("d"));
        Assert.Equal(secret, reread.GetAttribute("s"));
        Assert.False(a.SetAttribute("d", secret));
        Assert.False(a.SetAttribute("s", secret));
        Assert.Equal(text, doc.ToString());
    }

    [Fact]
    public void EscapeFunctionsProduceTheDocumentedForms()
    {
        Assert.Equal("a&amp;b&lt;c&gt;d&#13;\n\"'", XmlTextEscaping.EscapeText("a&b<c>d\r\n\"'"));
        Assert.Equal("&quot;'&amp;&lt;&gt;&#9;&#10;&#13;", XmlTextEscaping.EscapeAttribute("\"'&<>\t\n\r", '"'));
        Assert.Equal("\"&apos;", XmlTextEscaping.EscapeAttribute("\"'", '\''));
        Assert.Equal("plain", XmlTextEscaping.EscapeText("plain"));
        Assert.Throws<ArgumentException>(() => XmlTextEscaping.EscapeAttribute("x", '`'));
    }

    [Fact]
    public void SetTextInCrlfDocumentWritesCrlfLineBreaks()
    {
        var doc = XmlTextDocument.Parse("<root>\r\n<a/>\r\n</root>", "t");
        doc.Root.Element("a")!.SetText("x\ny");
        Assert.Equal("<root>\r\n<a>x\r\ny</a>\r\n</root>", doc.ToString());
        Assert.Equal("x\ny", XmlTextDocument.Parse(doc.ToString(), "t").Root.Element("a")!.Text);
    }
}
