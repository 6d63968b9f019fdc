using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DasOps.Engine.Publishing;
using DasOps.Engine.Spec;
using DasOps.Integration.Tests.Lab;
using Xunit;

namespace DasOps.Integration.Tests;

[Collection(LabCollection.Name)]
public class HostKeyTests
{
    private readonly LabFixture _lab;

    public HostKeyTests(LabFixture lab) => _lab = lab;

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_changed_host_key_is_refused_naming_the_node_and_the_offered_fingerprint_and_nothing_is_written_there(Transport transport)
    {
        _lab.Reset();
        using var cluster = new LabCluster(_lab, transport);
        _lab.Rekey("node2");
        var fingerprint = FingerprintOf(Path.Combine(_lab.LabDir, "hosts", "node2", "ssh_host_ed25519_key.pub"));
        var before = cluster.Snapshot("node2");

        foreach (var acceptNew in new[] { false, true })
        {
            var results = await cluster.ApplyAsync(acceptNewHostKeys: acceptNew);

            var node2 = results.Single(r => r.Node == "node2");
            Assert.Equal(PublishStatus.Failed, node2.Status);
            Assert.Equal(NodeFailure.HostKeyRejected, node2.Failure);
            Assert.StartsWith("node node2: host key of node2 (10.77.0.12 port 22) has CHANGED", node2.Error);
            Assert.Contains("ED25519 key " + fingerprint, node2.Error);
            Assert.All(results.Where(r => r.Node != "node2"), r => Assert.NotEqual(PublishStatus.Failed, r.Status));
            LabCluster.AssertSame(before, cluster.Snapshot("node2"), "node2");
            Assert.False(Directory.Exists(Path.Combine(_lab.HomeOf("node2"), ".dasops")));
        }
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task An_unknown_host_key_is_refused_unless_new_keys_are_explicitly_accepted(Transport transport)
    {
        _lab.Reset();
        using var cluster = new LabCluster(_lab, transport);
        var knownHosts = Path.Combine(cluster.Directory, "known_hosts");
        File.WriteAllLines(knownHosts, File.ReadAllLines(_lab.KnownHosts).Where(l => !l.StartsWith("node4 ") && !l.StartsWith("10.77.0.14 ")));
        var spec = cluster.SpecWith("wso2das", knownHosts);
        var fingerprint = FingerprintOf(Path.Combine(_lab.LabDir, "hosts", "node4", "ssh_host_ed25519_key.pub"));

        var refused = await cluster.ApplyAsync(spec: spec);
        var node4 = refused.Single(r => r.Node == "node4");
        Assert.Equal(NodeFailure.HostKeyRejected, node4.Failure);
        Assert.StartsWith("node node4: host key of node4 (10.77.0.14 port 22) is not known", node4.Error);
        Assert.Contains(fingerprint, node4.Error);
        Assert.False(Directory.Exists(Path.Combine(_lab.HomeOf("node4"), ".dasops")));

        var accepted = await cluster.ApplyAsync(spec: spec, acceptNewHostKeys: true);
        Assert.Equal(PublishStatus.Changed, accepted.Single(r => r.Node == "node4").Status);
        // ssh records the key under the address it connected to (the alias's HostName)
        Assert.Contains(File.ReadAllLines(knownHosts), l => l.StartsWith("10.77.0.14 ssh-ed25519 "));
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task Hashed_known_hosts_entries_are_accepted_and_a_changed_key_behind_one_is_still_refused(Transport transport)
    {
        _lab.Reset();
        using var cluster = new LabCluster(_lab, transport);
        var knownHosts = Path.Combine(cluster.Directory, "known_hosts");
        File.Copy(_lab.KnownHosts, knownHosts);
        var hash = Process.Start(new ProcessStartInfo("ssh-keygen", new[] { "-H", "-f", knownHosts }) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        hash.WaitForExit();
        Assert.Equal(0, hash.ExitCode);
        Assert.All(File.ReadAllLines(knownHosts).Where(l => l.Length > 0), l => Assert.StartsWith("|1|", l));
        var spec = cluster.SpecWith("wso2das", knownHosts);

        Assert.All(await cluster.ApplyAsync(spec: spec), r => Assert.True(r.Status == PublishStatus.Changed, r.ToString()));

        _lab.Rekey("node5");
        var rekeyed = await cluster.ApplyAsync(spec: cluster.SpecWith("user_b", knownHosts), acceptNewHostKeys: true);
        var node5 = rekeyed.Single(r => r.Node == "node5");
        Assert.Equal(NodeFailure.HostKeyRejected, node5.Failure);
        Assert.Contains("has CHANGED", node5.Error);
        Assert.Contains(FingerprintOf(Path.Combine(_lab.LabDir, "hosts", "node5", "ssh_host_ed25519_key.pub")), node5.Error);
    }

    private static string FingerprintOf(string publicKeyFile)
    {
        var psi = new ProcessStartInfo("ssh-keygen", new[] { "-l", "-f", publicKeyFile }) { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var line = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return line.Split(' ')[1];
    }
}
