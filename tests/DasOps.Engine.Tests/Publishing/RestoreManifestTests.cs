using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Publishing;
using Xunit;

namespace DasOps.Engine.Tests.Publishing;

/// <summary>
/// A backup's manifest is input from the node: restore writes only paths the spec manages, and refuses the whole node
/// (nothing written) when the manifest names anything else or a backed-up copy is a link.
/// </summary>
public class RestoreManifestTests
{
    private const string Datasources = "repository/conf/datasources/master-datasources.xml";

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("../../outside.txt")]
    [InlineData("repository/conf/../../../outside.txt")]
    [InlineData("bin/wso2server.sh.evil")]
    public async Task A_manifest_naming_a_path_the_spec_does_not_manage_is_refused_and_nothing_is_written(string path)
    {
        using var cluster = new LocalCluster();
        await cluster.ApplyAsync();
        var file = cluster.PathOf("n1", Datasources);
        File.WriteAllText(file, File.ReadAllText(file).Replace("<username>wso2das</username>", "<username>drift</username>"));
        var repaired = (await cluster.ApplyAsync(new PublishOptions { Nodes = new[] { "n1" } })).Single();
        var manifest = cluster.PathOf("n1", $".dasops/backups/{repaired.BackupId}/manifest");
        File.AppendAllText(manifest, $"file\t{new string('0', 64)}\t644\t{path}\n");
        var before = cluster.Snapshot("n1");

        var result = (await new ConfigurationRestorer(cluster.Spec, new LocalShells()).RestoreAsync(new PublishOptions { Nodes = new[] { "n1" } }, CancellationToken.None)).Single();

        Assert.Equal(PublishStatus.Failed, result.Status);
        Assert.Equal(NodeFailure.Refused, result.Failure);
        Assert.Contains($"'{path}'", result.Error);
        Assert.Equal(before.Keys.OrderBy(k => k), cluster.Snapshot("n1").Keys.OrderBy(k => k));
        Assert.Equal(before[Datasources].Bytes, File.ReadAllBytes(file));
        Assert.False(File.Exists(Path.Combine(cluster.Root, "outside.txt")));
    }

    [Fact]
    public async Task A_backed_up_copy_that_is_a_link_is_refused()
    {
        using var cluster = new LocalCluster();
        await cluster.ApplyAsync();
        var file = cluster.PathOf("n1", Datasources);
        File.WriteAllText(file, File.ReadAllText(file).Replace("<username>wso2das</username>", "<username>drift</username>"));
        var repaired = (await cluster.ApplyAsync(new PublishOptions { Nodes = new[] { "n1" } })).Single();
        var copy = cluster.PathOf("n1", $".dasops/backups/{repaired.BackupId}/{Datasources}");
        File.Delete(copy);
        File.CreateSymbolicLink(copy, "/etc/hostname");
        var before = File.ReadAllBytes(file);

        var result = (await new ConfigurationRestorer(cluster.Spec, new LocalShells()).RestoreAsync(new PublishOptions { Nodes = new[] { "n1" } }, CancellationToken.None)).Single();

        Assert.Equal(PublishStatus.Failed, result.Status);
        Assert.Contains("not a plain file", result.Error);
        Assert.Equal(before, File.ReadAllBytes(file));
    }
}
