using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Planning;
using DasOps.Engine.Planning.Library;
using DasOps.Engine.Publishing;
using DasOps.Engine.Secrets;
using DasOps.Engine.Spec;
using DasOps.Engine.Tests.Support;
using Xunit;

namespace DasOps.Engine.Tests.Publishing;

/// <summary>
/// A Stream Processor node whose bundles' record names a bundle the spec no longer gives, through the real node
/// scripts run locally: removed in the switch while it holds what DasOps made, backed up and restorable; a link in its
/// place is left alone and does not fail the node.
/// </summary>
public sealed class LocalBundleRemovalTests : IDisposable
{
    private const string BundlePath = "lib/zkclient_0.8_1.0.0.jar";
    private static readonly byte[] BundleBytes = Encoding.ASCII.GetBytes("PK\u0003\u0004 the bundle bin/jartobundle.sh made earlier");
    private readonly string _root = Directory.CreateTempSubdirectory("dasops-sp-removal-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Home => Path.Combine(_root, "mgr1");

    private ClusterSpec Spec()
    {
        var nodes = new[] { ("mgr1", "11", "Manager"), ("mgr2", "12", "Manager"), ("wrk1", "13", "Worker"), ("wrk2", "14", "Worker"), ("rcv1", "15", "ReceiverWorker") };
        var yaml = "name: t\nproduct: StreamProcessor\npattern: Distributed\ndatabase: { host: 10.77.0.10, user: wso2sp }\n" +
                   "streamProcessor:\n  minResourceCount: 1\n  kafka:\n    bootstrapServers: [10.77.0.10:9092]\n    zooKeeper: [10.77.0.10:2181]\nnodes:\n" +
                   string.Concat(nodes.Select(n => $"  - {{ name: {n.Item1}, host: 10.77.0.{n.Item2}, roles: [{n.Item3}], home: {Path.Combine(_root, n.Item1)} }}\n"));
        var spec = SpecLoader.Load(yaml, Path.Combine(_root, "sp.yaml"));
        Assert.Empty(SpecValidator.Validate(spec));
        return spec;
    }

    /// <summary>mgr1's home: the stock SP tree, and the record of an earlier run that made the zkclient 0.8 bundle.</summary>
    private void SeedHome()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.SpStock, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Home, Path.GetRelativePath(RepoPaths.SpStock, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        Directory.CreateDirectory(Path.Combine(Home, "lib"));
        Directory.CreateDirectory(Path.Combine(Home, ".dasops"));
        File.WriteAllText(Path.Combine(Home, BundleRecord.Path),
            $"# DasOps record\nzkclient_0.8_1.0.0.jar {new string('a', 64)} {Hashing.Sha256(BundleBytes)} zkclient-0.8.jar\n");
    }

    private static ConfigurationPublisher Publisher(ClusterSpec spec, RecordingReporter? reporter = null) =>
        new ConfigurationPublisher(spec, new ClusterSecrets { DatabasePassword = "pw" }, new LocalShells(), reporter);

    private static PublishOptions OnMgr1 => new PublishOptions { Nodes = new[] { "mgr1" } };

    [Fact]
    public async Task A_bundle_for_a_jar_no_longer_named_is_removed_backed_up_and_restorable_and_a_second_run_is_unchanged()
    {
        SeedHome();
        File.WriteAllBytes(Path.Combine(Home, BundlePath), BundleBytes);
        var spec = Spec();

        var plan = (await Publisher(spec).PlanAsync(OnMgr1, CancellationToken.None)).Single();
        Assert.True(plan.Status == PublishStatus.Skipped, plan.Error);
        Assert.Equal(FileChange.Removed, plan.Files.Single(f => f.Path == BundlePath).Change);
        Assert.True(File.Exists(Path.Combine(Home, BundlePath)), "a plan removes nothing");

        var reporter = new RecordingReporter();
        var applied = (await Publisher(spec, reporter).ApplyAsync(OnMgr1, CancellationToken.None)).Single();
        Assert.True(applied.Status == PublishStatus.Changed, applied.Error);
        // The confirmation names the removal apart from the writes (deployment.yaml and the record are written).
        Assert.Contains("should-process mgr1: write 2 file(s) and remove 1 OSGi bundle(s) made for jars the spec no longer names", reporter.Messages);
        Assert.False(File.Exists(Path.Combine(Home, BundlePath)), "the bundle was not removed");
        Assert.DoesNotContain("zkclient", File.ReadAllText(Path.Combine(Home, BundleRecord.Path)));
        Assert.Equal(BundleBytes, File.ReadAllBytes(Path.Combine(Home, ".dasops", "backups", applied.BackupId!, BundlePath)));

        Assert.Equal(PublishStatus.Unchanged, (await Publisher(spec).ApplyAsync(OnMgr1, CancellationToken.None)).Single().Status);

        var restored = (await new ConfigurationRestorer(spec, new LocalShells()).RestoreAsync(OnMgr1, CancellationToken.None)).Single();
        Assert.True(restored.Status == PublishStatus.Changed, restored.Error);
        Assert.Equal(BundleBytes, File.ReadAllBytes(Path.Combine(Home, BundlePath)));
        Assert.Contains("zkclient_0.8_1.0.0.jar", File.ReadAllText(Path.Combine(Home, BundleRecord.Path)));
    }

    [Fact]
    public async Task A_link_where_the_old_bundle_was_is_left_alone_and_only_leaves_the_record()
    {
        SeedHome();
        var elsewhere = Path.Combine(_root, "operator-owned.jar");
        File.WriteAllBytes(elsewhere, BundleBytes);
        File.CreateSymbolicLink(Path.Combine(Home, BundlePath), elsewhere);
        var spec = Spec();

        var applied = (await Publisher(spec).ApplyAsync(OnMgr1, CancellationToken.None)).Single();
        Assert.True(applied.Status == PublishStatus.Changed, applied.Error);
        Assert.DoesNotContain(applied.Files, f => f.Path == BundlePath);
        Assert.Equal(FileChange.Modified, applied.Files.Single(f => f.Path == BundleRecord.Path).Change);
        Assert.NotNull(new FileInfo(Path.Combine(Home, BundlePath)).LinkTarget);
        Assert.Equal(BundleBytes, File.ReadAllBytes(elsewhere));
        Assert.Equal(PublishStatus.Unchanged, (await Publisher(spec).ApplyAsync(OnMgr1, CancellationToken.None)).Single().Status);
    }
}
