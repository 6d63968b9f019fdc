using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using DasOps.Engine.Publishing;
using DasOps.Engine.Spec;
using DasOps.Integration.Tests.Lab;
using Xunit;
using Xunit.Abstractions;

namespace DasOps.Integration.Tests;

[Collection(LabCollection.Name)]
public class ApplyOverSshTests
{
    private readonly LabFixture _lab;
    private readonly ITestOutputHelper _output;

    public ApplyOverSshTests(LabFixture lab, ITestOutputHelper output)
    {
        _lab = lab;
        _output = output;
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task The_first_apply_writes_everything_and_the_second_writes_nothing(Transport transport)
    {
        _lab.Reset();
        using var cluster = new LabCluster(_lab, transport);
        var reporter = new LabReporter();

        var clock = Stopwatch.StartNew();
        var first = await cluster.ApplyAsync(reporter);
        var firstTime = clock.Elapsed;

        Assert.Equal(LabFixture.NodeNames, first.Select(r => r.Node));
        foreach (var result in first)
        {
            Assert.True(result.Status == PublishStatus.Changed, result.ToString());
            Assert.NotNull(result.BackupId);
            Assert.All(result.Files.Where(f => f.NeedsWrite), f => Assert.True(f.Written, f.ToString()));
            foreach (var file in result.Files)
            {
                var onHost = _lab.HostPath(result.Node, file.Path);
                // A password file shows a keyed hash of its sha256 (SecretFileHash); the others their sha256.
                var sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(onHost)));
                Assert.Equal(file.Mode == 0x180 ? DasOps.Engine.Secrets.SecretFileHash.Of(sha256) : sha256, file.DesiredHash);
                if (file.Written) Assert.Equal((UnixFileMode)file.Mode, File.GetUnixFileMode(onHost));
            }
            // secret files are 0600; the driver jar arrived byte for byte
            foreach (var secret in new[] { "repository/conf/datasources/master-datasources.xml", "repository/conf/datasources/analytics-datasources.xml" })
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_lab.HostPath(result.Node, secret)));
            Assert.Equal(File.ReadAllBytes(cluster.Driver), File.ReadAllBytes(_lab.HostPath(result.Node, "repository/components/lib/" + LabCluster.DriverName)));
            // nothing staged is left; the backup is complete and marked as switched
            Assert.Empty(Directory.GetFiles(_lab.HomeOf(result.Node), "*.dasops-new", SearchOption.AllDirectories));
            var backup = Path.Combine(_lab.HomeOf(result.Node), ".dasops", "backups", result.BackupId!);
            Assert.True(File.Exists(Path.Combine(backup, "manifest")) && File.Exists(Path.Combine(backup, "switched")));
        }
        // the Spark link exists on the analyzers only
        foreach (var node in new[] { "node5", "node6" }) Assert.Equal("/srv/das", new FileInfo(_lab.SrvPath(node, "das-link")).LinkTarget);
        foreach (var node in new[] { "node1", "node2", "node3", "node4" }) Assert.False(File.Exists(_lab.SrvPath(node, "das-link")) || Directory.Exists(_lab.SrvPath(node, "das-link")));
        Assert.Contains(first, r => r.LinkChange != null);

        var written = LabFixture.NodeNames.ToDictionary(n => n, n => Directory.GetFiles(_lab.HomeOf(n), "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => File.GetLastWriteTimeUtc(f)));
        clock.Restart();
        var second = await cluster.ApplyAsync();
        var secondTime = clock.Elapsed;

        foreach (var result in second)
        {
            Assert.True(result.Status == PublishStatus.Unchanged, result.ToString());
            Assert.Equal("unchanged", result.Summary);
            Assert.Equal(0, result.WrittenCount);
            Assert.Null(result.BackupId);
            // not a byte touched: same files, same times (the lock file aside, which is the run's own)
            var now = Directory.GetFiles(_lab.HomeOf(result.Node), "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("/.dasops/lock")).ToList();
            Assert.All(now, f => Assert.Equal(written[result.Node][f], File.GetLastWriteTimeUtc(f)));
        }
        _output.WriteLine($"first apply on 6 hosts: {firstTime.TotalMilliseconds:0} ms; idempotent re-apply: {secondTime.TotalMilliseconds:0} ms");
        Console.WriteLine($"[timing] first apply on 6 hosts: {firstTime.TotalMilliseconds:0} ms; idempotent re-apply: {secondTime.TotalMilliseconds:0} ms");
    }
}
