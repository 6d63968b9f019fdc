using System.Diagnostics;
using System.IO;
using System.Linq;
using DasOps.Engine.Planning;
using Xunit;

namespace DasOps.Engine.Tests.Planning;

public class UnifiedDiffTests
{
    [Fact]
    public void Identical_texts_have_no_diff()
    {
        Assert.Equal("", UnifiedDiff.Create("a\nb\n", "a\nb\n", "a", "b"));
    }

    [Fact]
    public void A_single_change_gives_one_hunk_with_three_lines_of_context()
    {
        var diff = UnifiedDiff.Create("1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\nfive\n6\n7\n8\n", "a/f", "b/f");
        Assert.Equal("--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n", diff);
    }

    [Theory]
    [InlineData("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n", "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nL\nm\nn\n")]
    [InlineData("x\ny\nz\n", "w\nx\ny\nz\n")]
    [InlineData("one\ntwo\nthree\n", "one\nthree\nfour\n")]
    [InlineData("", "new\nfile\n")]
    public void Hunks_match_gnu_diff(string oldText, string newText)
    {
        var dir = Directory.CreateTempSubdirectory("dasops-diff").FullName;
        File.WriteAllText(Path.Combine(dir, "old"), oldText);
        File.WriteAllText(Path.Combine(dir, "new"), newText);
        var psi = new ProcessStartInfo("diff", new[] { "-u", "old", "new" }) { WorkingDirectory = dir, RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var gnu = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var gnuHunks = string.Join("\n", gnu.Split('\n').Skip(2));
        var ours = string.Join("\n", UnifiedDiff.Create(oldText, newText, "old", "new").Split('\n').Skip(2));
        Assert.Equal(gnuHunks, ours);
        Directory.Delete(dir, true);
    }
}
