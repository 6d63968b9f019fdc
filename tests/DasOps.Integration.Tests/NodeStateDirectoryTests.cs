using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DasOps.Engine.Publishing;
using DasOps.Engine.Spec;
using DasOps.Integration.Tests.Lab;
using Xunit;

namespace DasOps.Integration.Tests;

/// <summary>
/// Issue 13, item 1, over real sshd as root on homes that belong to the lab's wso2: what apply writes keeps the home
/// owner's ownership, and a HOME/.dasops that the owner turned into a link (or made its own) is refused before
/// anything is written, the link's target untouched.
/// </summary>
[Collection(LabCollection.Name)]
public class NodeStateDirectoryTests
{
    private readonly LabFixture _lab;

    public NodeStateDirectoryTests(LabFixture lab) => _lab = lab;

    [Fact]
    public async Task Written_files_keep_the_homes_owner_and_a_linked_or_foreign_dasops_is_refused()
    {
        _lab.Reset();
        using var cluster = new LabCluster(_lab, Transport.OpenSsh);
        var owner = FileOwner.Of(_lab.HomeOf("node1"));
        Assert.NotEqual("0:0", owner);

        var first = await cluster.ApplyAsync(options: new PublishOptions { Nodes = new[] { "node1" } });
        var applied = Assert.Single(first);
        Assert.True(applied.Status == PublishStatus.Changed, applied.ToString());
        Assert.All(applied.Files.Where(f => f.Written), f => Assert.Equal(owner, FileOwner.Of(_lab.HostPath("node1", f.Path))));

        // The owner swaps .dasops for a link to a directory of their choosing (here /srv/victim on the node).
        var victim = _lab.SrvPath("node2", "victim");
        Directory.CreateDirectory(Path.Combine(victim, "backups"));
        File.SetUnixFileMode(victim, (UnixFileMode)0x1ED);
        File.WriteAllText(Path.Combine(victim, "lock"), "precious\n");
        Directory.CreateSymbolicLink(_lab.HostPath("node2", ".dasops"), "/srv/victim");
        // ...and on node3 makes .dasops their own.
        Directory.CreateDirectory(_lab.HostPath("node3", ".dasops"));
        FileOwner.Set(_lab.HostPath("node3", ".dasops"), owner);
        var before2 = cluster.Snapshot("node2");
        var before3 = cluster.Snapshot("node3");

        var results = await cluster.ApplyAsync(options: new PublishOptions { Nodes = new[] { "node2", "node3" } });

        var linked = results.Single(r => r.Node == "node2");
        Assert.Equal(PublishStatus.Failed, linked.Status);
        Assert.Contains("/srv/das/.dasops is a symbolic link", linked.Error);
        var foreign = results.Single(r => r.Node == "node3");
        Assert.Equal(PublishStatus.Failed, foreign.Status);
        Assert.Contains("/srv/das/.dasops is owned by uid " + owner.Split(':')[0], foreign.Error);
        LabCluster.AssertSame(before2, cluster.Snapshot("node2"), "node2");
        LabCluster.AssertSame(before3, cluster.Snapshot("node3"), "node3");
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(victim));
        Assert.Equal("precious\n", File.ReadAllText(Path.Combine(victim, "lock")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(victim, "backups")));
    }
}
