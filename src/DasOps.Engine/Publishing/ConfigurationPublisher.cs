using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Planning;
using DasOps.Engine.Planning.Library;
using DasOps.Engine.Remote;
using DasOps.Engine.Secrets;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Publishing;

/// <summary>
/// Plan (drift) and apply of every managed file over the nodes' shells: Publish-DasConfiguration and `dasops
/// plan|apply` call this. Nodes run in parallel up to <see cref="PublishOptions.Parallelism"/>; each node gets one
/// result and one node's failure never stops or corrupts another. See docs/publishing.md for the protocol.
/// </summary>
public sealed class ConfigurationPublisher
{
    private readonly ClusterSpec _spec;
    private readonly ClusterSecrets _secrets;
    private readonly IRemoteShellFactory _shells;
    private readonly IOperationReporter _reporter;

    public ConfigurationPublisher(ClusterSpec spec, ClusterSecrets secrets, IRemoteShellFactory shells, IOperationReporter? reporter = null)
    {
        _spec = spec;
        _secrets = secrets;
        _shells = shells;
        _reporter = reporter ?? SilentReporter.Instance;
    }

    /// <summary>
    /// Reads every node and plans it; writes nothing. A node that differs from the spec comes back Skipped with
    /// <see cref="NodePublishResult.Differs"/>; one that matches, Unchanged.
    /// Throws <see cref="ArgumentException"/> for an unknown node and <see cref="FileNotFoundException"/> for a missing driver jar.
    /// </summary>
    public Task<IReadOnlyList<NodePublishResult>> PlanAsync(PublishOptions options, CancellationToken cancellationToken)
    {
        var nodes = NodeSelection.Resolve(_spec, options.Nodes);
        var publisher = new NodePublisher(_spec, _secrets, _shells, _reporter, LibraryJars.Read(_spec));
        return ParallelNodes.RunAsync(nodes, options.Parallelism, "Planning configuration", _reporter,
            node => publisher.PlanAsync(node, cancellationToken), (_, fault) => publisher.Failure(fault), cancellationToken);
    }

    /// <summary>The nodes an apply works on: those named, else the saved plan's, else every DAS node of the spec.</summary>
    public static IReadOnlyList<NodeSpec> NodesFor(ClusterSpec spec, PublishOptions options) =>
        NodeSelection.Resolve(spec, options.Nodes is { Count: > 0 } ? options.Nodes : options.SavedPlan?.Nodes.Select(n => n.Node).ToList());

    /// <summary>
    /// Writes what differs, node by node: lock, read, plan, ShouldProcess, stage, switch. With a saved plan, no node
    /// writes unless every node still matches it. Throws like <see cref="PlanAsync"/>, and <see cref="InputException"/>
    /// (PlanInvalid) when the spec is not the one the saved plan was made from.
    /// </summary>
    public Task<IReadOnlyList<NodePublishResult>> ApplyAsync(PublishOptions options, CancellationToken cancellationToken)
    {
        var saved = options.SavedPlan;
        var nodes = NodesFor(_spec, options);
        if (saved != null && saved.SpecSha256 != SavedPlan.FingerprintOf(_spec))
            throw new InputException(InputErrorKind.PlanInvalid, "the spec has changed since the saved plan was made; nothing was written. Make a new plan.");
        var publisher = new NodePublisher(_spec, _secrets, _shells, _reporter, LibraryJars.Read(_spec));
        var gate = saved == null ? null : new SavedPlanGate(saved, nodes.Count);
        var holder = options.Holder ?? PublishOptions.DefaultHolder();
        return ParallelNodes.RunAsync(nodes, options.Parallelism, "Publishing configuration", _reporter,
            (node, slot) => publisher.ApplyAsync(node, slot, gate, options.BreakLock, holder, cancellationToken), (_, fault) => publisher.Failure(fault));
    }
}
