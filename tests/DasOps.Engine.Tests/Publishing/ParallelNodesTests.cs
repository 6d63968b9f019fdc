using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Publishing;
using DasOps.Engine.Spec;
using DasOps.Engine.Tests.Support;
using Xunit;

namespace DasOps.Engine.Tests.Publishing;

/// <summary>The one per-node runner: one result per node in node order, faults mapped once, slots always given back.</summary>
public sealed class ParallelNodesTests
{
    private static IReadOnlyList<NodeSpec> Nodes() => SpecLoader.Load(Specs.FullyDistributed, "spec.yaml").Nodes;

    [Fact]
    public async Task A_failing_node_becomes_its_own_result_and_gives_its_slot_back()
    {
        var nodes = Nodes();
        var ran = new List<string>();

        // One slot: if the failing node kept it, every node after it would wait for ever.
        var results = await ParallelNodes.RunAsync(nodes, 1, "test", SilentReporter.Instance,
            node =>
            {
                lock (ran) ran.Add(node.Name);
                if (node.Name == "rcv2") throw new NodeOperationException(node.Name, NodeFailure.Locked, "held by someone else");
                if (node.Name == "idx1") throw new NodeUnreachableException(node.Name, "Connection refused");
                return Task.FromResult($"{node.Name}: ok");
            },
            (node, fault) => $"{node.Name}: {fault.Failure} | {fault.Message}", CancellationToken.None);

        Assert.Equal(nodes.Count, ran.Count);
        Assert.Equal(nodes.Select(n => n.Name), results.Select(r => r.Split(':')[0]));
        Assert.Equal("rcv2: Locked | node rcv2: held by someone else", results[1]);
        Assert.Equal("idx1: Unreachable | idx1: unreachable over SSH: Connection refused", results[2]);
        Assert.Equal("rcv1: ok", results[0]);
    }

    [Fact]
    public async Task A_cancelled_run_maps_each_node_to_Cancelled_unless_the_operation_rethrows()
    {
        var nodes = Nodes();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var results = await ParallelNodes.RunAsync(nodes, 2, null, SilentReporter.Instance,
            node => Task.FromResult(NodeFailure.None), (_, fault) => fault.Failure, cancelled.Token);
        Assert.All(results, r => Assert.Equal(NodeFailure.Cancelled, r));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ParallelNodes.RunAsync(nodes, 2, null, SilentReporter.Instance,
            node => Task.FromResult(0), (_, fault) => fault.Rethrow<int>(), cancelled.Token));
    }

    [Fact]
    public async Task Parallelism_below_one_is_refused_before_any_node_is_touched()
    {
        var touched = 0;
        var e = await Assert.ThrowsAsync<InputException>(() => ParallelNodes.RunAsync(Nodes(), 0, null, SilentReporter.Instance,
            node => Task.FromResult(Interlocked.Increment(ref touched)), (_, fault) => 0, CancellationToken.None));
        Assert.Contains("parallelism must be at least 1", e.Message);
        Assert.Equal(0, touched);
    }
}
