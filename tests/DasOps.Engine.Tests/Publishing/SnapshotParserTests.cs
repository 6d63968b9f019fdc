using System;
using System.Linq;
using System.Text;
using DasOps.Engine.Planning;
using DasOps.Engine.Publishing;
using Xunit;

namespace DasOps.Engine.Tests.Publishing;

public class SnapshotParserTests
{
    private static byte[] Answer(params object[] parts) =>
        parts.SelectMany(p => p is byte[] b ? b : Encoding.UTF8.GetBytes((string)p)).ToArray();

    [Fact]
    public void Files_links_and_missing_paths_are_read_with_exact_bytes()
    {
        var content = Encoding.UTF8.GetBytes("line1\nno newline at end\r\n\0binary");
        var hash = Hashing.Sha256(content);
        var jarHash = new string('a', 64);
        var snapshot = SnapshotParser.Parse(Answer(
            "O 0:0\n", "L link /srv/das\n",
            $"C {content.Length} 644 1000:1000 {hash} repository/conf/a b.xml\n", content, "\n",
            "M bin/missing.sh\n", "S conf/linked.xml\n", "X conf/dir\n",
            $"H 123 600 0:0 {jarHash} repository/components/lib/x.jar\n"));

        Assert.Equal("0:0", snapshot.HomeOwner);
        Assert.Equal(LinkState.Link, snapshot.Link);
        Assert.Equal("/srv/das", snapshot.LinkTarget);
        var file = snapshot.Files["repository/conf/a b.xml"];
        Assert.Equal(content, file.Content);
        Assert.Equal(0x1A4, file.Mode);
        Assert.Equal("1000:1000", file.Owner);
        Assert.Equal(LiveFileKind.Missing, snapshot.Files["bin/missing.sh"].Kind);
        Assert.Equal(LiveFileKind.SymbolicLink, snapshot.Files["conf/linked.xml"].Kind);
        Assert.Equal(LiveFileKind.NotRegular, snapshot.Files["conf/dir"].Kind);
        Assert.Null(snapshot.Files["repository/components/lib/x.jar"].Content);
        Assert.Equal(jarHash, snapshot.Files["repository/components/lib/x.jar"].Hash);
    }

    [Fact]
    public void A_file_that_changed_while_it_was_read_is_caught()
    {
        var content = Encoding.UTF8.GetBytes("<a/>\n");
        var staleHash = Hashing.Sha256(Encoding.UTF8.GetBytes("<b/>\n"));
        var e = Assert.Throws<FormatException>(() => SnapshotParser.Parse(Answer($"C {content.Length} 644 0:0 {staleHash} conf/a.xml\n", content, "\n")));
        Assert.Contains("conf/a.xml: it changed while it was read", e.Message);

        var grown = Encoding.UTF8.GetBytes("<a/>\n<more/>\n");
        e = Assert.Throws<FormatException>(() => SnapshotParser.Parse(Answer($"C 3 644 0:0 {Hashing.Sha256(grown)} conf/a.xml\n", grown, "\n")));
        Assert.Contains("size changed", e.Message);
    }

    [Fact]
    public void Garbage_is_refused_rather_than_planned_from()
    {
        Assert.Throws<FormatException>(() => SnapshotParser.Parse(Encoding.UTF8.GetBytes("hello world\n")));
        Assert.Throws<FormatException>(() => SnapshotParser.Parse(Encoding.UTF8.GetBytes("O 0:0")));
    }
}
