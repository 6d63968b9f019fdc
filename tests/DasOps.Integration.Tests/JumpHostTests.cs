using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Publishing;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;
using DasOps.Integration.Tests.Lab;
using Xunit;

namespace DasOps.Integration.Tests;

/// <summary>
/// A spec's jumpHost on real sshd: node5 and node6 are made unreachable from the control machine (lab.sh isolate) and
/// are reached through node1, on both transports; a bastion whose host key changed is refused.
/// </summary>
[Collection(LabCollection.Name)]
public class JumpHostTests
{
    private const string Bastion = "10.77.0.11";

    private readonly LabFixture _lab;

    public JumpHostTests(LabFixture lab) => _lab = lab;

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task Nodes_unreachable_directly_are_applied_through_the_jump_host(Transport transport)
    {
        _lab.Reset();
        _lab.Isolate("node5", "on");
        _lab.Isolate("node6", "on");
        using var cluster = new LabCluster(_lab, transport);
        var spec = JumpSpec(cluster);
        var loginsOnBastion = Logins("node1", "10.77.0.1");

        var results = await cluster.ApplyAsync(spec: spec, options: new PublishOptions { Nodes = new[] { "node5", "node6" } });

        Assert.All(results, r => Assert.True(r.Status == PublishStatus.Changed, $"{r.Node}: {r.Error}"));
        // the nodes saw their logins come from the bastion's address, not from the control machine's
        Assert.Contains($"Accepted publickey for root from {Bastion} ", _lab.SshdLog("node5"));
        Assert.Contains($"Accepted publickey for root from {Bastion} ", _lab.SshdLog("node6"));
        Assert.DoesNotContain("Accepted publickey for root from 10.77.0.1 ", _lab.SshdLog("node5"));
        var bastionLogins = Logins("node1", "10.77.0.1") - loginsOnBastion;
        // SSH.NET shares one bastion connection for the run; ssh runs one ProxyCommand per node's master
        if (transport == Transport.SshNet) Assert.Equal(1, bastionLogins);
        else Assert.True(bastionLogins >= 2, $"{bastionLogins} logins on the bastion");

        // and the isolation is real: straight to node5 times out
        var options = SshSettings.For(cluster.Spec);
        options.ConnectTimeout = TimeSpan.FromSeconds(2);
        using var direct = RemoteShells.Open(cluster.Spec, options);
        var refused = await direct.ShellFor(cluster.Spec.FindNode("node5")!).RunAsync(RemoteCommand.Script("true"), CancellationToken.None);
        Assert.True(refused.Unreachable, refused.StandardError);
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_jump_host_whose_key_changed_is_refused_and_the_node_behind_it_is_untouched(Transport transport)
    {
        _lab.Reset();
        _lab.Isolate("node5", "on");
        using var cluster = new LabCluster(_lab, transport);
        var spec = JumpSpec(cluster);
        _lab.Rekey("node1");
        var before = cluster.Snapshot("node5");

        var node5 = (await cluster.ApplyAsync(spec: spec, options: new PublishOptions { Nodes = new[] { "node5" } })).Single();

        Assert.Equal(PublishStatus.Failed, node5.Status);
        Assert.Equal(NodeFailure.HostKeyRejected, node5.Failure);
        Assert.StartsWith("node node5: ", node5.Error);
        Assert.Contains($"jump host root@{Bastion}", node5.Error);
        Assert.Contains("has CHANGED", node5.Error);
        if (transport == Transport.SshNet) Assert.Contains($"host key of jump host root@{Bastion} ({Bastion} port 22) has CHANGED", node5.Error);
        LabCluster.AssertSame(before, cluster.Snapshot("node5"), "node5");
        Assert.DoesNotContain("Accepted publickey", _lab.SshdLog("node5"));
    }

    private ClusterSpec JumpSpec(LabCluster cluster)
    {
        var path = Path.Combine(cluster.Directory, "jump.yaml");
        var yaml = File.ReadAllText(cluster.SpecPath)
            .Replace("name: node5, ", $"name: node5, jumpHost: 'root@{Bastion}', ")
            .Replace("name: node6, ", $"name: node6, jumpHost: 'root@{Bastion}', ");
        File.WriteAllText(path, yaml);
        var spec = SpecLoader.LoadFile(path);
        Assert.Empty(SpecValidator.Validate(spec));
        return spec;
    }

    private int Logins(string node, string from) =>
        Regex.Matches(_lab.SshdLog(node), $"Accepted publickey for root from {Regex.Escape(from)} ").Count;
}
