using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Publishing;
using DasOps.Engine.Spec;
using DasOps.Integration.Tests.Lab;
using Xunit;

namespace DasOps.Integration.Tests;

[Collection(LabCollection.Name)]
public class ConcurrentApplyTests
{
    private readonly LabFixture _lab;

    public ConcurrentApplyTests(LabFixture lab) => _lab = lab;

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_second_apply_while_the_first_holds_the_nodes_gets_the_lock_error_naming_the_holder_and_writes_nothing(Transport transport)
    {
        _lab.Reset();
        using var cluster = new LabCluster(_lab, transport);
        var specB = cluster.SpecWith("user_b");
        using var allLocked = new CountdownEvent(LabFixture.Nodes);
        var secondDone = new ManualResetEventSlim();
        // The first run stops on every node right after taking its lock, until the second run has finished.
        var reporterA = new LabReporter
        {
            OnNodeProgress = (_, status) =>
            {
                if (status != "reading") return;
                allLocked.Signal();
                secondDone.Wait(TimeSpan.FromSeconds(60));
            },
        };

        var first = Task.Run(() => cluster.ApplyAsync(reporterA));
        Assert.True(allLocked.Wait(TimeSpan.FromSeconds(30)), "the first run did not lock every node");
        var second = await cluster.ApplyAsync(spec: specB);
        secondDone.Set();
        var firstResults = await first;

        var holder = new Regex($@"locked by another DasOps run: {Regex.Escape(Environment.UserName)}@{Regex.Escape(Environment.MachineName)} pid={Environment.ProcessId} since \d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ");
        foreach (var result in second)
        {
            Assert.Equal(PublishStatus.Failed, result.Status);
            Assert.Equal(NodeFailure.Locked, result.Failure);
            Assert.StartsWith($"node {result.Node}: ", result.Error);
            Assert.Matches(holder, result.Error);
        }
        Assert.All(firstResults, r => Assert.Equal(PublishStatus.Changed, r.Status));
        foreach (var result in firstResults) Assert.True(Matches(result.Node, Desired(result)), $"{result.Node} does not hold exactly the first run's files");
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task Two_applies_started_together_leave_each_node_wholly_one_or_the_other(Transport transport)
    {
        _lab.Reset();
        using var cluster = new LabCluster(_lab, transport);
        var specB = cluster.SpecWith("user_b");
        var planA = await cluster.PlanAsync();
        var planB = await cluster.PlanAsync(specB);

        var both = await Task.WhenAll(Task.Run(() => cluster.ApplyAsync()), Task.Run(() => cluster.ApplyAsync(spec: specB)));

        foreach (var node in LabFixture.NodeNames)
        {
            var outcomes = both.Select(results => results.Single(r => r.Node == node)).ToList();
            Assert.All(outcomes.Where(o => o.Status == PublishStatus.Failed), o => Assert.Equal(NodeFailure.Locked, o.Failure));
            Assert.Contains(outcomes, o => o.Status == PublishStatus.Changed);
            var a = Matches(node, Desired(planA.Single(r => r.Node == node)));
            var b = Matches(node, Desired(planB.Single(r => r.Node == node)));
            Assert.True(a ^ b, $"{node}: its files are neither all from the first run nor all from the second");
        }
    }

    private static IReadOnlyDictionary<string, (string? Hash, bool Secret)> Desired(NodePublishResult result) =>
        result.Files.ToDictionary(f => f.Path, f => (f.DesiredHash, f.Mode == 0x180));

    // A password file's hash is shown keyed (SecretFileHash); the others are their sha256.
    private bool Matches(string node, IReadOnlyDictionary<string, (string? Hash, bool Secret)> desired) =>
        desired.All(kv =>
        {
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(_lab.HostPath(node, kv.Key))));
            return (kv.Value.Secret ? DasOps.Engine.Secrets.SecretFileHash.Of(sha256) : sha256) == kv.Value.Hash;
        });
}
