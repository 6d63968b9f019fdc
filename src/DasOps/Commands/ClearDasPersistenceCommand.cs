using System.Collections.Generic;
using System.Management.Automation;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Publishing;
using DasOps.Internal;

namespace DasOps.Commands;

/// <summary>
/// Clear-DasPersistence: CEP state snapshots are never deleted by the product, so this keeps the two newest of each
/// execution plan under HOME/cep_persistence on every node and deletes the rest (seeds 002 and 003), asking
/// ShouldProcess once per node; like <c>dasops persistence clear</c>. One DasPersistenceResult per node.
/// </summary>
[Cmdlet(VerbsCommon.Clear, "DasPersistence", SupportsShouldProcess = true, DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(DasPersistenceResult))]
public sealed class ClearDasPersistenceCommand : DasRemoteCmdlet
{
    private const string DefaultSet = "Default";

    /// <summary>The nodes to clean up; every DAS node of the cluster when not given.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("NodeName")]
    [ArgumentCompleter(typeof(NodeNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Node { get; set; }

    /// <summary>How many nodes are worked on at once.</summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = PublishOptions.DefaultParallelism;

    private protected override IReadOnlyCollection<string>? NodeNames => Node;

    private protected override void ProcessCluster(DasCluster cluster, IReadOnlyList<string>? names)
    {
        var spec = cluster.Spec;
        var nodes = SelectNodes(cluster, names);
        if (nodes == null) return;
        using var connections = Connect(spec);
        if (connections == null) return;
        var whatIf = WhatIfRequested;
        var results = RunOperation(Format(Strings.ActivityPersistence, spec.Name), null, (reporter, token) =>
            new PersistenceCleaner(spec, connections.ShellFor, reporter) { Parallelism = ThrottleLimit }.ClearAsync(nodes, token));
        foreach (var result in results)
        {
            if (whatIf && result.Status == PersistenceStatus.Skipped)
            {
                foreach (var file in result.Selected) WriteWhatIf(Format(Strings.WhatIfDeleteFile, result.Node, file.Path, file.Size));
            }
            if (result.Status == PersistenceStatus.Failed) WriteError(DasErrors.NodeFailed(result.Node, result.Failure, result.Error ?? result.Summary));
            WriteObject(new DasPersistenceResult(cluster, result));
        }
    }
}
