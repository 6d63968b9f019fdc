using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Config;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Planning;
using DasOps.Engine.Planning.Library;
using DasOps.Engine.Remote;
using DasOps.Engine.Secrets;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Publishing;

/// <summary>
/// One node's plan or apply, start to finish: lock, read (one round trip), plan, ask, stage (one tar stream),
/// switch, unlock. Never throws: whatever happens becomes this node's result, so other nodes carry on.
/// </summary>
internal sealed class NodePublisher
{
    private readonly ClusterSpec _spec;
    private readonly ClusterSecrets _secrets;
    private readonly IRemoteShellFactory _shells;
    private readonly IOperationReporter _reporter;
    private readonly LibraryJars _jars;
    private readonly string? _jarToBundle;

    public NodePublisher(ClusterSpec spec, ClusterSecrets secrets, IRemoteShellFactory shells, IOperationReporter reporter, LibraryJars jars)
    {
        _spec = spec;
        _secrets = secrets;
        _shells = shells;
        _reporter = reporter;
        _jars = jars;
        _jarToBundle = Products.ProductCatalog.For(spec).JarToBundleScript;
    }

    /// <summary>Read and plan only (no lock: reading never sees half a switch, each file is renamed whole). Faults go to <see cref="Failure"/> through the runner.</summary>
    public async Task<NodePublishResult> PlanAsync(NodeSpec node, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        _reporter.NodeProgress(node.Name, "reading", 10);
        var changes = await ReadAndPlanAsync(_shells.ShellFor(node), node, cancellationToken).ConfigureAwait(false);
        return Done(new NodePublishResult(node.Name, changes.Any ? PublishStatus.Skipped : PublishStatus.Unchanged, changes.Results(false),
            clock.Elapsed, changes.Plan, changes.LinkChange));
    }

    public async Task<NodePublishResult> ApplyAsync(NodeSpec node, NodeSlot slot, SavedPlanGate? gate, bool breakLock, string holder,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var arrived = false;
        NodeLock? nodeLock = null;
        NodeChanges? changes = null;
        try
        {
            await slot.WaitAsync(cancellationToken).ConfigureAwait(false);
            var shell = _shells.ShellFor(node);
            var home = _spec.HomeOf(node);
            _reporter.NodeProgress(node.Name, "locking", 5);
            nodeLock = await NodeLock.AcquireAsync(shell, home, holder, breakLock, cancellationToken).ConfigureAwait(false);
            if (nodeLock.BrokenHolder != null) _reporter.Warning($"node {node.Name}: --break-lock ended the run holding the lock: {nodeLock.BrokenHolder}");

            _reporter.NodeProgress(node.Name, "reading", 15);
            changes = await ReadAndPlanAsync(shell, node, cancellationToken).ConfigureAwait(false);

            if (gate != null)
            {
                // Give the slot back while waiting for the other nodes, or a small --parallel would deadlock.
                slot.Release();
                arrived = true;
                _reporter.NodeProgress(node.Name, "comparing with the saved plan", 25);
                var refusal = await gate.ArriveAsync(node.Name, changes.Plan, changes.LinkChange).ConfigureAwait(false);
                if (refusal is { } r)
                {
                    var error = $"node {node.Name}: {r.Reason}";
                    return Done(new NodePublishResult(node.Name, r.OwnMismatch ? PublishStatus.Failed : PublishStatus.Skipped, changes.Results(false),
                        clock.Elapsed, changes.Plan, changes.LinkChange, error, r.OwnMismatch ? NodeFailure.Refused : NodeFailure.None));
                }
                await slot.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            if (!changes.Any) return Done(new NodePublishResult(node.Name, PublishStatus.Unchanged, changes.Results(false), clock.Elapsed, changes.Plan));

            var action = DescribeAction(changes);
            if (!_reporter.ShouldProcess(node.Name, action))
                return Done(new NodePublishResult(node.Name, PublishStatus.Skipped, changes.Results(false), clock.Elapsed, changes.Plan, changes.LinkChange));

            if (changes.Plan.Files.Count(f => f.AwaitsConversion) is var toConvert && toConvert > 0)
            {
                _reporter.NodeProgress(node.Name, $"converting {toConvert} jar(s) with {_jarToBundle}", 30);
                var converted = await BundleConversion.ConvertAsync(shell, _spec, node, _jarToBundle!, changes.Plan, cancellationToken).ConfigureAwait(false);
                var record = NodeReader.CurrentOf(node.Name, changes.Snapshot, BundleRecord.Path);
                changes = NodeChanges.Of(ConfigurationPlanner.WithBundleRecord(converted, record), changes.Snapshot, changes.Link);
            }

            string? backupId = null;
            if (changes.Writes.Count > 0)
            {
                backupId = NodeWriter.NewBackupId(DateTime.UtcNow);
                _reporter.NodeProgress(node.Name, $"staging {changes.Writes.Count} file(s)", 40);
                await NodeWriter.StageAsync(shell, home, backupId, changes.Link, changes.Writes, cancellationToken).ConfigureAwait(false);
            }
            // From here on the switch runs to its end: cancelling it halfway is what the staging exists to avoid.
            _reporter.NodeProgress(node.Name, "switching", 80);
            await NodeWriter.CommitAsync(shell, home, backupId ?? "", changes.Link, _spec.KeepBackupsOrDefault, changes.Writes.Select(w => (w.Plan.Removes ? "del" : "put", w.Path)), CancellationToken.None)
                .ConfigureAwait(false);
            return Done(new NodePublishResult(node.Name, PublishStatus.Changed, changes.Results(true), clock.Elapsed, changes.Plan, changes.LinkChange,
                backupId: backupId));
        }
        catch (Exception e) when (!(e is OutOfMemoryException))
        {
            // Caught here, not by the runner, so the failure keeps the plan read so far.
            return Failure(NodeFault.Of(node.Name, e, clock.Elapsed), changes?.Plan);
        }
        finally
        {
            if (gate != null && !arrived) gate.Leave();
            if (nodeLock != null) await nodeLock.ReleaseAsync().ConfigureAwait(false);
        }
    }

    private async Task<NodeChanges> ReadAndPlanAsync(IRemoteShell shell, NodeSpec node, CancellationToken cancellationToken)
    {
        var snapshot = await NodeReader.ReadAsync(shell, _spec, node, _jars, cancellationToken).ConfigureAwait(false);
        var plan = ConfigurationPlanner.PlanNode(_spec, node, _secrets, path => NodeReader.CurrentOf(node.Name, snapshot, path), _jars);
        // A node that must convert jars but cannot is refused here, in the read, before anything on it changes.
        if (plan.Files.Any(f => f.AwaitsConversion)) await BundleConversion.CheckJavaAsync(shell, _spec, node, _jarToBundle!, cancellationToken).ConfigureAwait(false);
        return NodeChanges.Of(plan, snapshot, NodeReader.ManagedLinkOf(_spec, node));
    }

    private static string DescribeAction(NodeChanges changes)
    {
        var parts = new System.Collections.Generic.List<string>();
        var bundles = changes.Plan.Files.Count(f => f.AwaitsConversion);
        var removals = changes.Writes.Count(w => w.Plan.Removes);
        var writes = changes.Writes.Count - removals;
        if (writes > 0) parts.Add($"write {writes} file(s)" + (bundles > 0 ? $", {bundles} of them OSGi bundle(s) made by bin/jartobundle.sh" : ""));
        if (removals > 0) parts.Add($"remove {removals} OSGi bundle(s) made for jars the spec no longer names");
        if (changes.SetLink) parts.Add($"set the Spark link {changes.Link}");
        return string.Join(" and ", parts);
    }

    private NodePublishResult Done(NodePublishResult result)
    {
        _reporter.NodeProgress(result.Node, result.Summary, 100, completed: true);
        return result;
    }

    /// <summary>The result (and the progress line) for a node that failed; the message is masked, whatever produced it.</summary>
    internal NodePublishResult Failure(NodeFault fault, NodePlan? plan = null) =>
        Done(NodePublishResult.Failed(fault.Node, SecretMasker.Apply(fault.Message, _secrets.Values), fault.Failure, fault.Elapsed, plan));
}
