using System;
using System.Linq;
using DasOps.Engine.Config.Xml;
using Xunit;

namespace DasOps.Engine.Tests.Config.Xml;

public class XmlTextEditTests
{
    private static XmlTextDocument Parse(string xml) => XmlTextDocument.Parse(xml, "test.xml");

    [Theory]
    [InlineData("<r><a/></r>", "<r><a>v</a></r>")]
    [InlineData("<r><a /></r>", "<r><a>v</a></r>")]
    [InlineData("<r><a x='1'/></r>", "<r><a x='1'>v</a></r>")]
    [InlineData("<r><a>old<!--c--><b/></a></r>", "<r><a>v</a></r>")]
    public void SetTextReplacesAllContent(string before, string after)
    {
        var doc = Parse(before);
        Assert.True(doc.Root.Element("a")!.SetText("v"));
        Assert.Equal(after, doc.ToString());
    }

    [Theory]
    [InlineData("<r><a>a&amp;b</a></r>", "a&b")]
    [InlineData("<r><a>a&#38;b</a></r>", "a&b")]
    [InlineData("<r><a><![CDATA[a&b]]></a></r>", "a&b")]
    [InlineData("<r><a>x>y</a></r>", "x>y")]
    [InlineData("<r><a/></r>", "")]
    [InlineData("<r><a></a></r>", "")]
    public void SetTextWithTheCurrentValueKeepsTheOriginalSpelling(string xml, string value)
    {
        var doc = Parse(xml);
        Assert.False(doc.Root.Element("a")!.SetText(value));
        Assert.Equal(xml, doc.ToString());
    }

    [Fact]
    public void SetTextDistinguishesWhitespace()
    {
        var doc = Parse("<r><a> v </a></r>");
        Assert.True(doc.Root.Element("a")!.SetText("v"));
        Assert.Equal("<r><a>v</a></r>", doc.ToString());
        Assert.True(doc.Root.Element("a")!.SetText(""));
        Assert.Equal("<r><a></a></r>", doc.ToString());
    }

    [Fact]
    public void SetAttributeKeepsPositionSpacingAndQuotes()
    {
        var doc = Parse("<r>\n  <a  x = 'old'\n     y=\"2\" />\n</r>");
        var a = doc.Root.Element("a")!;

        Assert.True(a.SetAttribute("x", "it's"));
        Assert.True(a.SetAttribute("z", "3"));
        Assert.False(a.SetAttribute("y", "2"));

        Assert.Equal("<r>\n  <a  x = 'it&apos;s'\n     y=\"2\" z=\"3\" />\n</r>", doc.ToString());
        Assert.Equal("it's", a.GetAttribute("x"));
        Assert.Throws<ArgumentException>(() => a.SetAttribute("bad name", "v"));
    }

    [Fact]
    public void SetAttributeOnElementWithoutAttributes()
    {
        var doc = Parse("<r><a/><b></b></r>");
        doc.Root.Element("a")!.SetAttribute("k", "v");
        doc.Root.Element("b")!.SetAttribute("k", "v");
        Assert.Equal("<r><a k=\"v\"/><b k=\"v\"></b></r>", doc.ToString());
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void RemoveLeavesNoBlankLine(string nl)
    {
        string xml = "<r>" + nl + "    <a/>" + nl + "    <!-- about b -->" + nl + "    <b>" + nl + "        <c/>" + nl + "    </b>" + nl + "    <d/>" + nl + "</r>" + nl;
        var doc = Parse(xml);

        doc.Root.Element("b")!.Remove();
        Assert.Equal("<r>" + nl + "    <a/>" + nl + "    <!-- about b -->" + nl + "    <d/>" + nl + "</r>" + nl, doc.ToString());

        doc.Root.Element("d")!.Remove();
        doc.Root.Element("a")!.Remove();
        Assert.Equal("<r>" + nl + "    <!-- about b -->" + nl + "</r>" + nl, doc.ToString());
        Assert.Empty(doc.Root.Elements());
    }

    [Fact]
    public void RemoveOnSharedLineRemovesOnlyTheElement()
    {
        var doc = Parse("<r>\n  <a/> <b/> <!-- c -->\n</r>");
        var b = doc.Root.Element("b")!;
        b.Remove();
        Assert.Equal("<r>\n  <a/>  <!-- c -->\n</r>", doc.ToString());
        Assert.Null(b.Parent);
        Assert.Throws<InvalidOperationException>(() => doc.Root.Remove());
    }

    [Fact]
    public void ElementsIsASnapshotSoChildrenCanBeRemovedWhileIterating()
    {
        var doc = Parse("<r>\n  <a/>\n  <a/>\n  <b/>\n</r>");
        foreach (var a in doc.Root.Elements("a")) a.Remove();
        Assert.Equal("<r>\n  <b/>\n</r>", doc.ToString());
    }

    [Theory]
    [InlineData("<r>\n    <list/>\n</r>")]
    [InlineData("<r>\n    <list />\n</r>")]
    [InlineData("<r>\n    <list></list>\n</r>")]
    [InlineData("<r>\n    <list>\n    </list>\n</r>")]
    [InlineData("<r>\n    <list>\n        <old>1</old>\n        <!-- note -->\n        <old>2</old>\n    </list>\n</r>")]
    [InlineData("<r>\n    <list>   <old/>   </list>\n</r>")]
    public void ClearThenAppendGivesTheSameListWhateverWasThere(string xml)
    {
        var doc = Parse(xml);
        var list = doc.Root.Element("list")!;

        list.RemoveChildElements();
        list.AppendElement("<item>1</item>");
        list.AppendElement("<item>\n    <v>2</v>\n</item>");

        const string expected = "<r>\n    <list>\n        <item>1</item>\n        <item>\n            <v>2</v>\n        </item>\n    </list>\n</r>";
        Assert.Equal(expected, doc.ToString());
        Assert.Equal(new[] { "1", "" }, list.Elements().Select(e => e.Text.Trim()));
    }

    [Fact]
    public void RemoveChildElementsLeavesAnIndentedEmptyElement()
    {
        var doc = Parse("<r>\r\n  <list>\r\n    <a/>\r\n  </list>\r\n  <e/>\r\n</r>");
        doc.Root.Element("list")!.RemoveChildElements();
        doc.Root.Element("e")!.RemoveChildElements();
        Assert.Equal("<r>\r\n  <list>\r\n  </list>\r\n  <e/>\r\n</r>", doc.ToString());
    }

    [Fact]
    public void FragmentIndentUnitIsConvertedToTheDocumentsUnit()
    {
        var doc = Parse("<a>\n  <b>\n    <c/>\n  </b>\n</a>\n");
        doc.Root.Element("b")!.AppendElement("<d x='1'>\n    <e>\n        <f/>\n    </e>\n</d>");
        Assert.Equal("<a>\n  <b>\n    <c/>\n    <d x='1'>\n      <e>\n        <f/>\n      </e>\n    </d>\n  </b>\n</a>\n", doc.ToString());
    }

    [Fact]
    public void IndentedFragmentsAndTabDocumentsAreHandled()
    {
        var doc = Parse("<a>\n\t<b>\n\t\t<c/>\n\t</b>\n</a>");
        doc.Root.Element("b")!.AppendElement("\n        <d>\n            <!-- why\n                 d -->\n            <e/>\n        </d>\n    ");
        Assert.Equal("<a>\n\t<b>\n\t\t<c/>\n\t\t<d>\n\t\t\t<!-- why\n\t\t\t\t d -->\n\t\t\t<e/>\n\t\t</d>\n\t</b>\n</a>", doc.ToString());
    }

    [Fact]
    public void AppendIntoEmptyElementUsesParentIndentPlusUnit()
    {
        var doc = Parse("<r>\r\n   <x>\r\n      <y/>\r\n   </x>\r\n</r>");
        var y = doc.Root.Element("x")!.Element("y")!;
        var z = y.AppendElement("<z>\n    <w/>\n</z>");
        Assert.Equal("<r>\r\n   <x>\r\n      <y>\r\n         <z>\r\n            <w/>\r\n         </z>\r\n      </y>\r\n   </x>\r\n</r>", doc.ToString());
        Assert.Same(y, z.Parent);
        Assert.Equal(0, z.Line);
    }

    [Fact]
    public void AppendIntoElementHoldingOnlyACommentKeepsTheComment()
    {
        var doc = Parse("<r>\n    <x>\n        <!-- none yet -->\n    </x>\n</r>");
        doc.Root.Element("x")!.AppendElement("<y/>");
        Assert.Equal("<r>\n    <x>\n        <!-- none yet -->\n        <y/>\n    </x>\n</r>", doc.ToString());
    }

    [Fact]
    public void InsertBeforeAfterAndReplaceUseTheSiblingsIndentation()
    {
        var doc = Parse("<r>\n  <p>\n      <a/>\n      <b/>\n  </p>\n</r>");
        var p = doc.Root.Element("p")!;
        var a = p.Element("a")!;

        p.InsertBefore(a, "<first/>");
        p.InsertAfter(a, "<second/>");
        var c = p.ReplaceElement(p.Element("b")!, "<c>\n  <d/>\n</c>");

        Assert.Equal("<r>\n  <p>\n      <first/>\n      <a/>\n      <second/>\n      <c>\n          <d/>\n      </c>\n  </p>\n</r>", doc.ToString());
        Assert.Equal(new[] { "first", "a", "second", "c" }, p.Elements().Select(e => e.Name));
        Assert.Same(c, p.Element("c"));
        Assert.Throws<ArgumentException>(() => doc.Root.InsertAfter(a, "<x/>"));
        Assert.Throws<ArgumentException>(() => p.ReplaceElement(doc.Root, "<x/>"));
    }

    [Theory]
    [InlineData("<x>")]
    [InlineData("<x/><y/>")]
    [InlineData("<!-- c --><x/>")]
    [InlineData("text")]
    [InlineData("<x>&nbsp;</x>")]
    [InlineData("<?xml version=\"1.0\"?><x/>")]
    [InlineData("")]
    public void MalformedFragmentsAreRejectedWithoutChangingTheDocument(string fragment)
    {
        const string xml = "<r>\n  <a/>\n</r>";
        var doc = Parse(xml);
        var ex = Assert.Throws<ArgumentException>(() => doc.Root.AppendElement(fragment));
        Assert.Equal("fragmentXml", ex.ParamName);
        Assert.Equal(xml, doc.ToString());
    }

    [Fact]
    public void GetOrAddElementAndSetChildTextAreIdempotent()
    {
        var doc = Parse("<config>\n    <db>\n        <url>u</url>\n    </db>\n</config>\n");
        var db = doc.Root.Element("db")!;

        Assert.True(db.SetChildText("user", "admin"));
        Assert.True(db.SetChildText("url", "jdbc:x?a=1&b=2"));
        Assert.Same(db.Element("user"), db.GetOrAddElement("user"));
        string once = doc.ToString();
        Assert.False(db.SetChildText("user", "admin"));
        Assert.False(db.SetChildText("url", "jdbc:x?a=1&b=2"));
        Assert.True(db.SetChildText("empty", ""));
        Assert.False(db.SetChildText("empty", ""));

        Assert.Equal("<config>\n    <db>\n        <url>jdbc:x?a=1&amp;b=2</url>\n        <user>admin</user>\n        <empty></empty>\n    </db>\n</config>\n", doc.ToString());
        Assert.StartsWith(once.Substring(0, once.IndexOf("    </db>", StringComparison.Ordinal)), doc.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => db.GetOrAddElement("1bad"));
    }

    [Fact]
    public void OuterXmlReflectsEdits()
    {
        var doc = Parse("<r><a  k='v'/></r>");
        var a = doc.Root.Element("a")!;
        Assert.Equal("<a  k='v'/>", a.OuterXml);
        a.SetText("t");
        Assert.Equal("<a  k='v'>t</a>", a.OuterXml);
        Assert.Equal("<r><a  k='v'>t</a></r>", doc.Root.OuterXml);
    }

    [Fact]
    public void EditsOnSingleLineDocumentUseDefaultUnitAndLf()
    {
        var doc = Parse("<r/>");
        Assert.Equal("\n", doc.NewLine);
        doc.Root.AppendElement("<a>\n  <b/>\n</a>");
        Assert.Equal("<r>\n    <a>\n        <b/>\n    </a>\n</r>", doc.ToString());
    }

    [Fact]
    public void AlignedAttributesInFragmentsKeepTheirAlignment()
    {
        var doc = Parse("<a>\n  <gm>\n    <x/>\n  </gm>\n</a>");
        doc.Root.Element("gm")!.AppendElement(
            "<domain name=\"d\"\n        agent=\"x\">\n    <sub k=\"1\"\n         v=\"2\"/>\n</domain>");
        Assert.Equal(
            "<a>\n  <gm>\n    <x/>\n    <domain name=\"d\"\n            agent=\"x\">\n      <sub k=\"1\"\n           v=\"2\"/>\n    </domain>\n  </gm>\n</a>",
            doc.ToString());
    }

    [Fact]
    public void FragmentTextAndCDataKeepTheirInnerIndentation()
    {
        var doc = Parse("<a>\r\n  <b/>\r\n</a>");
        var added = doc.Root.AppendElement("<q>\n    <sql>SELECT 1\n  FROM t</sql>\n    <![CDATA[x\n y]]>\n</q>");
        Assert.Equal("<a>\r\n  <b/>\r\n  <q>\r\n    <sql>SELECT 1\r\n  FROM t</sql>\r\n    <![CDATA[x\r\n y]]>\r\n  </q>\r\n</a>", doc.ToString());
        Assert.Equal("SELECT 1\n  FROM t", added.Element("sql")!.Text);
    }
}
