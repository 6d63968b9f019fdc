using System;
using System.Linq;
using System.Xml;
using DasOps.Engine.Config.Xml;
using Xunit;

namespace DasOps.Engine.Tests.Config.Xml;

/// <summary>The edits DasOps makes for HA, applied to the real stock files.</summary>
public class XmlTextStockEditTests
{
    private static readonly (string Host, int Port)[] Members = { ("10.0.0.11", 4001), ("10.0.0.12", 4002) };

    // The clustering edit as a configuration step would do it; must be safe to run any number of times.
    private static string ConfigureClustering(string text)
    {
        var doc = XmlTextDocument.Parse(text, "axis2.xml");
        var clustering = doc.Root.Element("clustering")!;
        clustering.SetAttribute("enable", "true");
        clustering.Element("parameter", "name", "localMemberHost")!.SetText("10.0.0.11");
        var members = clustering.Element("members")!;
        members.RemoveChildElements();
        foreach (var (host, port) in Members)
        {
            members.AppendElement(
                "<member>\n    <hostName>" + XmlTextEscaping.EscapeText(host) + "</hostName>\n    <port>" + port + "</port>\n</member>");
        }
        return doc.ToString();
    }

    [Fact]
    public void Axis2ClusteringEditChangesOnlyTheExpectedLines()
    {
        string original = StockFiles.Read("axis2/axis2.xml");

        string edited = ConfigureClustering(original);

        string expected = ReplaceOnce(original,
            "HazelcastClusteringAgent\"\r\n                enable=\"false\">",
            "HazelcastClusteringAgent\"\r\n                enable=\"true\">");
        expected = ReplaceOnce(expected,
            "<parameter name=\"localMemberHost\">127.0.0.1</parameter>",
            "<parameter name=\"localMemberHost\">10.0.0.11</parameter>");
        expected = ReplaceOnce(expected,
            "<members>\r\n            <member>\r\n                <hostName>127.0.0.1</hostName>\r\n                <port>4000</port>\r\n            </member>\r\n        </members>",
            "<members>\r\n"
            + "            <member>\r\n                <hostName>10.0.0.11</hostName>\r\n                <port>4001</port>\r\n            </member>\r\n"
            + "            <member>\r\n                <hostName>10.0.0.12</hostName>\r\n                <port>4002</port>\r\n            </member>\r\n"
            + "        </members>");
        Assert.Equal(expected, edited);

        var (removed, added) = LineDiff.Compare(original.Split(new[] { "\r\n" }, StringSplitOptions.None), edited.Split(new[] { "\r\n" }, StringSplitOptions.None));
        // Which identical <member>/</member> lines the diff pairs up is arbitrary, so compare the added lines as a set.
        Assert.Equal(new[] { 604, 655, 707, 708 }, removed);
        Assert.Equal(
            new[]
            {
                "                enable=\"true\">",
                "        <parameter name=\"localMemberHost\">10.0.0.11</parameter>",
                "                <hostName>10.0.0.11</hostName>",
                "                <port>4001</port>",
                "            </member>",
                "            <member>",
                "                <hostName>10.0.0.12</hostName>",
                "                <port>4002</port>",
            }.OrderBy(l => l, StringComparer.Ordinal),
            added.OrderBy(l => l, StringComparer.Ordinal));
    }

    [Fact]
    public void Axis2ClusteringEditIsWellFormedCrlfAndIdempotent()
    {
        string original = StockFiles.Read("axis2/axis2.xml");

        string once = ConfigureClustering(original);
        string twice = ConfigureClustering(once);

        SystemXml.Load(once);
        new XmlDocument().LoadXml(once);
        for (int i = once.IndexOf('\n'); i >= 0; i = once.IndexOf('\n', i + 1))
        {
            Assert.True(i > 0 && once[i - 1] == '\r', $"lone LF at offset {i}");
        }
        Assert.Equal(once, twice);

        var reread = XmlTextDocument.Parse(once, "axis2.xml").Root.Element("clustering")!;
        Assert.Equal("true", reread.GetAttribute("enable"));
        Assert.Equal(new[] { "10.0.0.11", "10.0.0.12" }, reread.Element("members")!.Elements("member").Select(m => m.Element("hostName")!.Text));
        Assert.False(reread.SetAttribute("enable", "true"));
        Assert.False(reread.Element("parameter", "name", "localMemberHost")!.SetText("10.0.0.11"));
    }

    private const string UserStoreDatasource =
        "<datasource>\n"
        + "    <name>WSO2UM_DB</name>\n"
        + "    <description>The datasource used by user manager</description>\n"
        + "    <jndiConfig>\n"
        + "        <name>jdbc/WSO2UM_DB</name>\n"
        + "    </jndiConfig>\n"
        + "    <definition type=\"RDBMS\">\n"
        + "        <configuration>\n"
        + "            <url>jdbc:mysql://db1:3306/userdb?autoReconnect=true&amp;useSSL=false</url>\n"
        + "            <password>p&lt;w&amp;d</password>\n"
        + "        </configuration>\n"
        + "    </definition>\n"
        + "</datasource>";

    [Fact]
    public void DatasourceInsertedAfterCarbonDbMatchesSiblingIndentation()
    {
        string original = StockFiles.Read("datasources/master-datasources.xml");
        var doc = XmlTextDocument.Parse(original, "master-datasources.xml");
        var datasources = doc.Root.Element("datasources")!;
        var carbon = datasources.ElementWithChild("datasource", "name", "WSO2_CARBON_DB")!;

        var added = datasources.InsertAfter(carbon, UserStoreDatasource);

        string indented = string.Join("\n", UserStoreDatasource.Split('\n').Select((l, i) => i == 0 ? l : "        " + l));
        int end = original.IndexOf("</datasource>", StringComparison.Ordinal) + "</datasource>".Length;
        string expected = original.Substring(0, end) + "\n        " + indented + original.Substring(end);
        string edited = doc.ToString();
        Assert.Equal(expected, edited);
        Assert.Contains("\n            <name>WSO2UM_DB</name>\n", edited, StringComparison.Ordinal);
        Assert.Contains("\n                    <password>p&lt;w&amp;d</password>\n", edited, StringComparison.Ordinal);
        Assert.Equal((0, 0), (added.Line, added.Column));
        Assert.Same(datasources, added.Parent);

        var xml = SystemXml.Load(edited);
        Assert.Equal("p<w&d", xml.SelectSingleNode("//datasource[name='WSO2UM_DB']/definition/configuration/password")!.InnerText);

        // Second run: found by name, replaced with the same fragment -> identical bytes.
        var again = XmlTextDocument.Parse(edited, "master-datasources.xml");
        var ds = again.Root.Element("datasources")!;
        ds.ReplaceElement(ds.ElementWithChild("datasource", "name", "WSO2UM_DB")!, UserStoreDatasource);
        Assert.Equal(edited, again.ToString());
    }

    [Fact]
    public void SettingStockValuesToTheirCurrentValueChangesNothing()
    {
        string original = StockFiles.Read("datasources/master-datasources.xml");
        var doc = XmlTextDocument.Parse(original, "m");
        var config = doc.Root.Element("datasources")!.ElementWithChild("datasource", "name", "WSO2_CARBON_DB")!
            .Element("definition")!.Element("configuration")!;

        Assert.False(config.SetChildText("username", "wso2carbon"));
        Assert.False(config.SetChildText("url", "jdbc:h2:./repository/database/WSO2CARBON_DB;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=60000"));
        Assert.False(config.Parent!.SetAttribute("type", "RDBMS"));
        Assert.Equal(original, doc.ToString());
    }

    [Theory]
    [MemberData(nameof(StockFiles.All), MemberType = typeof(StockFiles))]
    public void NoOpEditsOnEveryElementLeaveStockFilesIdentical(string name)
    {
        string original = StockFiles.Read(name);
        var doc = XmlTextDocument.Parse(original, name);
        int edits = 0;
        foreach (var e in XmlTextRoundTripTests.Descendants(doc.Root))
        {
            foreach (var a in e.Attributes)
            {
                Assert.False(e.SetAttribute(a.Name, e.GetAttribute(a.Name)!));
                edits++;
            }
            if (!e.Elements().Any() && e.Children.Count(n => n.Raw.Length > 0) == 1
                && e.Children.All(n => n.Kind == XmlTextNodeKind.Text || n.Kind == XmlTextNodeKind.CData))
            {
                Assert.False(e.SetText(e.Text));
                edits++;
            }
        }
        Assert.True(edits > 10);
        Assert.Equal(original, doc.ToString());
    }

    [Theory]
    [MemberData(nameof(StockFiles.All), MemberType = typeof(StockFiles))]
    public void RemovingElementsKeepsStockFilesWellFormedWithoutNewBlankLines(string name)
    {
        string original = StockFiles.Read(name);
        var doc = XmlTextDocument.Parse(original, name);
        var victims = XmlTextRoundTripTests.Descendants(doc.Root).Skip(1).Where((e, i) => i % 4 == 1).ToList();

        foreach (var e in victims)
        {
            if (e.Parent != null && IsAttached(e)) e.Remove();
        }

        string edited = doc.ToString();
        Assert.NotEqual(original, edited);
        SystemXml.Load(edited);
        Assert.True(BlankLines(edited) <= BlankLines(original), "removal must not leave blank lines behind");
        Assert.Equal(edited, XmlTextDocument.Parse(edited, name).ToString());
    }

    private static bool IsAttached(XmlTextElement e)
    {
        while (e.Parent != null) e = e.Parent;
        return e.OwnerDocument != null;
    }

    private static int BlankLines(string text) =>
        text.Replace("\r\n", "\n").Split('\n').Count(l => l.Trim().Length == 0);

    private static string ReplaceOnce(string text, string find, string replacement)
    {
        int at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, "expected text not found: " + find);
        Assert.True(text.IndexOf(find, at + 1, StringComparison.Ordinal) < 0, "expected text found twice: " + find);
        return text.Substring(0, at) + replacement + text.Substring(at + find.Length);
    }
}
