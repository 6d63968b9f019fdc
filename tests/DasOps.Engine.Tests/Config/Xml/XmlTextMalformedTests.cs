using System;
using System.Xml;
using DasOps.Engine.Config.Xml;
using Xunit;

namespace DasOps.Engine.Tests.Config.Xml;

public class XmlTextMalformedTests
{
    public static TheoryData<string, int, int, string> Cases() => new TheoryData<string, int, int, string>
    {
        // input, line, column, fragment of the message
        { "<a>\n  <b>\n  </c>\n</a>", 3, 3, "end tag </c> does not match start tag <b> at line 2, column 3" },
        { "<a>\r\n\r\n  </b>", 3, 3, "does not match start tag <a>" },
        { "<a>\n  <b>\n  </b>\n", 1, 1, "element <a> is not closed" },
        { "<a>\n  <b x=\"1\"", 2, 3, "start tag <b> is not closed" },
        { "<a>x &foo; y</a>", 1, 6, "unknown entity reference '&foo;'" },
        { "<a>AT&T</a>", 1, 6, "'&' must start an entity or character reference" },
        { "<a>&#0;</a>", 1, 4, "not a legal XML character" },
        { "<a/>\nhello", 2, 1, "text is not allowed after the root element" },
        { "  x<a/>", 1, 3, "text is not allowed before the root element" },
        { "<a/>\n<b/>", 2, 1, "only one root element is allowed" },
        { "<a x=\"1\" x=\"2\"/>", 1, 10, "duplicate attribute 'x'" },
        { "<a x=\"<\"/>", 1, 7, "'<' is not allowed in an attribute value" },
        { "<a x=1/>", 1, 6, "must be quoted" },
        { "<a x=\"1\"y=\"2\"/>", 1, 9, "whitespace is required before an attribute" },
        { "<a>\n  <!-- a -- b -->\n</a>", 2, 10, "'--' is not allowed inside a comment" },
        { "<a>\n\t<!-- open\n</a>", 2, 2, "comment is not closed" },
        { "<a><![CDATA[x</a>", 1, 4, "CDATA section is not closed" },
        { "<!-- only a comment -->\n", 2, 1, "no root element" },
        { "", 1, 1, "no root element" },
        { "<a>\n</a>\n</a>", 3, 1, "end tag without a matching start tag" },
        { "<a>x ]]> y</a>", 1, 6, "']]>' is not allowed in text" },
        { "<a>< b/></a>", 1, 5, "invalid character ' ' at start of element name" },
        { "\n<?xml version=\"1.0\"?><a/>", 2, 1, "XML declaration is only allowed at the very start" },
        { "<a>\t\t<b></a>", 1, 9, "end tag </a> does not match start tag <b>" },
        { "<a>\u4e2d\U0001F600<b></c></a>", 1, 9, "end tag </c> does not match" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MalformedInputReportsPosition(string xml, int line, int column, string what)
    {
        var ex = Assert.Throws<XmlTextException>(() => XmlTextDocument.Parse(xml, "conf/x.xml"));

        Assert.Equal("conf/x.xml", ex.SourceName);
        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.StartsWith($"conf/x.xml:{line}:{column}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(what, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SystemXmlAlsoRejectsTheseInputs(string xml, int line, int column, string what)
    {
        _ = (line, column, what);
        Assert.ThrowsAny<XmlException>(() => SystemXml.Load(xml));
    }

    [Fact]
    public void NullArgumentsAreRejected()
    {
        Assert.Throws<ArgumentNullException>(() => XmlTextDocument.Parse(null!, "x"));
        Assert.Throws<ArgumentNullException>(() => XmlTextDocument.Parse("<a/>", null!));
    }
}
