using System.IO;
using System.Linq;
using DasOps.Engine.Planning;
using DasOps.Engine.Tests.Support;
using Xunit;

namespace DasOps.Engine.Tests.Products;

/// <summary>A second render over its own output changes no byte, and everything not governed by the spec survives.</summary>
public class IdempotenceTests
{
    [Theory]
    [InlineData(Specs.MinimumHa)]
    [InlineData(Specs.FullyDistributed)]
    public void Rendering_over_the_rendered_files_changes_nothing(string specYaml)
    {
        using var first = Rendered.From(specYaml, RepoPaths.DasStock);
        foreach (var node in first.Spec.Nodes)
        {
            var again = ConfigurationPlanner.PlanNode(first.Spec, node, Rendered.Secrets,
                path => File.Exists(first.PathOf(node.Name, path))
                    ? CurrentFile.WithContent(path, File.ReadAllBytes(first.PathOf(node.Name, path)))
                    : CurrentFile.Missing(path),
                jars: DasOps.Engine.Planning.Library.LibraryJars.None);
            Assert.All(again.Files, f => Assert.Equal(FileChange.Unchanged, f.Change));
            Assert.All(again.Files, f => Assert.Equal(File.ReadAllBytes(first.PathOf(node.Name, f.Path)), f.Desired));
            Assert.False(again.HasChanges);
        }
    }

    // Every line the edits may remove from a stock file: elements and keys the spec governs, nothing else.
    private static readonly System.Text.RegularExpressions.Regex Governed = new System.Text.RegularExpressions.Regex(
        @"^\s*(<(url|username|password|driverClassName|hostName|port|Offset|Enabled|AutoCommit|SvnUrl|SvnUser|SvnPassword)>.*|" +
        @"<Property name=""dataSource"">.*|<parameter name=""(membershipScheme|localMemberHost|localMemberPort)"">.*|" +
        @"<mode name=""\w+"" enable=""\w+"">|<persistence enable=""\w+"">|<(worker|presenter) enable=""\w+""/>|enable=""false"">|" +
        @"carbon\.spark\.master(\.count)?\s+\S+|#?\s*carbon\.das\.symbolic\.link\s+\S+)\s*$");

    [Fact]
    public void Only_lines_the_spec_governs_are_removed_from_the_stock()
    {
        using var r = Rendered.From(Specs.FullyDistributed, RepoPaths.DasStock);
        foreach (var node in new[] { "rcv1", "ana1", "dsh1" })
        foreach (var file in r.Plans.Single(p => p.Node == node).Files)
        {
            // GNU diff, not ours, says which stock lines are gone.
            var psi = new System.Diagnostics.ProcessStartInfo("diff",
                new[] { "--unchanged-line-format=", "--new-line-format=", "--old-line-format=%L", Path.Combine(RepoPaths.DasStock, file.Path), r.PathOf(node, file.Path) })
                { RedirectStandardOutput = true };
            using var p = System.Diagnostics.Process.Start(psi)!;
            var removed = p.StandardOutput.ReadToEnd().Replace("\r", "").Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
            p.WaitForExit();
            Assert.All(removed, line => Assert.True(Governed.IsMatch(line), $"{node}/{file.Path}: an ungoverned stock line was changed: '{line}'"));
            var stock = File.ReadAllText(Path.Combine(RepoPaths.DasStock, file.Path));
            var edited = File.ReadAllText(r.PathOf(node, file.Path));
            Assert.Equal(stock.Contains("\r\n"), edited.Contains("\r\n"));
            // A script gains a final newline only when DasOps appends its block; other files keep the stock ending.
            if (!file.Path.EndsWith(".sh")) Assert.Equal(stock.EndsWith("\n"), edited.EndsWith("\n"));
        }
    }

    [Fact]
    public void A_password_full_of_xml_and_shell_characters_round_trips_exactly()
    {
        using var r = Rendered.From(Specs.MinimumHa, RepoPaths.DasStock);
        const string ds = "repository/conf/datasources/master-datasources.xml";
        Assert.Equal(Rendered.Password, r.Value("node2", ds, "//datasource[name='WSO2REG_DB']/definition/configuration/password"));
        Assert.Contains("<password>p&lt;&amp;\"'$;x]]&gt;</password>", r.Text("node2", ds));
    }
}
