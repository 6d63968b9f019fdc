using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Publishing;
using Xunit;

namespace DasOps.Engine.Tests.Publishing;

/// <summary>
/// HOME/.dasops, its backups directory and its lock are DasOps's own: when one is a symbolic link, or belongs to
/// someone other than root or the SSH user (the home's owner can make such things), apply and restore refuse the
/// node before anything is written, and the link's target is never chmodded, truncated or emptied.
/// The same node scripts ssh runs, run here by the local shell (as root, like the lab's SSH user).
/// </summary>
public class StateDirectoryTests
{
    private const string Datasources = "repository/conf/datasources/master-datasources.xml";

    [Theory]
    [InlineData(".dasops")]
    [InlineData(".dasops/backups")]
    [InlineData(".dasops/lock")]
    public async Task Apply_refuses_a_state_path_that_is_a_link_and_leaves_its_target_alone(string relative)
    {
        using var cluster = new LocalCluster();
        await cluster.ApplyAsync(new PublishOptions { Nodes = new[] { "n2" } });
        var target = Path.Combine(cluster.Root, "elsewhere");
        var path = cluster.PathOf("n1", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (relative.EndsWith("lock", System.StringComparison.Ordinal))
        {
            File.WriteAllText(target, "precious\n");
            File.SetUnixFileMode(target, (UnixFileMode)0x1A4); // 0644
        }
        else
        {
            Directory.CreateDirectory(Path.Combine(target, "20200101T000000.000Z"));
            File.SetUnixFileMode(target, (UnixFileMode)0x1ED); // 0755
        }
        File.CreateSymbolicLink(path, target);
        var before = cluster.Snapshot("n1");

        var result = (await cluster.ApplyAsync(new PublishOptions { Nodes = new[] { "n1" } })).Single();

        Assert.Equal(PublishStatus.Failed, result.Status);
        Assert.Contains("n1", result.ToString());
        Assert.Contains(cluster.PathOf("n1", relative) + " is a symbolic link", result.Error);
        AssertUnchanged(before, cluster.Snapshot("n1"));
        if (File.Exists(target))
            Assert.Equal("precious\n", File.ReadAllText(target));
        else
            Assert.True(Directory.Exists(Path.Combine(target, "20200101T000000.000Z")));
        Assert.Equal(File.Exists(target) ? 0x1A4 : 0x1ED, LocalCluster.ModeOf(target));
    }

    [Theory]
    [InlineData(".dasops")]
    [InlineData(".dasops/backups")]
    [InlineData(".dasops/lock")]
    public async Task Apply_refuses_a_state_path_owned_by_someone_else(string relative)
    {
        using var cluster = new LocalCluster();
        var path = cluster.PathOf("n1", relative);
        Directory.CreateDirectory(cluster.PathOf("n1", ".dasops"));
        if (relative.EndsWith("lock", System.StringComparison.Ordinal)) File.WriteAllText(path, "");
        else Directory.CreateDirectory(path);
        Chown(path, 4242);
        var before = cluster.Snapshot("n1");

        var result = (await cluster.ApplyAsync(new PublishOptions { Nodes = new[] { "n1" } })).Single();

        Assert.Equal(PublishStatus.Failed, result.Status);
        Assert.Contains(path + " is owned by uid 4242", result.Error);
        AssertUnchanged(before, cluster.Snapshot("n1"));
        Assert.False(Directory.Exists(cluster.PathOf("n1", ".dasops/backups")) && relative != ".dasops/backups"
            && Directory.GetDirectories(cluster.PathOf("n1", ".dasops/backups")).Length > 0);
    }

    [Fact]
    public async Task Restore_refuses_a_backups_directory_that_became_a_link()
    {
        using var cluster = new LocalCluster();
        await cluster.ApplyAsync(new PublishOptions { Nodes = new[] { "n1" } });
        var file = cluster.PathOf("n1", Datasources);
        File.WriteAllText(file, File.ReadAllText(file).Replace("<username>wso2das</username>", "<username>drift</username>"));
        await cluster.ApplyAsync(new PublishOptions { Nodes = new[] { "n1" } });
        // The real backups move aside and a link to a copy of them takes their place.
        var backups = cluster.PathOf("n1", ".dasops/backups");
        var moved = Path.Combine(cluster.Root, "moved-backups");
        Directory.Move(backups, moved);
        File.CreateSymbolicLink(backups, moved);
        var before = cluster.Snapshot("n1");

        var result = (await new ConfigurationRestorer(cluster.Spec, new LocalShells()).RestoreAsync(new PublishOptions { Nodes = new[] { "n1" } }, CancellationToken.None)).Single();

        Assert.Equal(PublishStatus.Failed, result.Status);
        Assert.Contains(backups + " is a symbolic link", result.Error);
        AssertUnchanged(before, cluster.Snapshot("n1"));
    }

    private static void AssertUnchanged(System.Collections.Generic.IReadOnlyDictionary<string, (byte[] Bytes, int Mode)> before,
        System.Collections.Generic.IReadOnlyDictionary<string, (byte[] Bytes, int Mode)> after)
    {
        Assert.Equal(before.Keys.OrderBy(k => k), after.Keys.OrderBy(k => k));
        foreach (var (path, file) in before)
        {
            Assert.True(file.Bytes.SequenceEqual(after[path].Bytes), path + " changed");
            Assert.Equal(file.Mode, after[path].Mode);
        }
    }

    private static void Chown(string path, int uid)
    {
        using var chown = System.Diagnostics.Process.Start("chown", new[] { "-h", uid + ":" + uid, path })!;
        chown.WaitForExit();
        Assert.Equal(0, chown.ExitCode);
    }
}
