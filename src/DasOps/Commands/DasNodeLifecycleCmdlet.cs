using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DasOps.Engine.Lifecycle;
using DasOps.Internal;

namespace DasOps.Commands;

/// <summary>
/// Start-, Stop- and Restart-DasNode: the same parameters and output over the engine's ClusterLifecycle; each
/// cmdlet names its operation. ShouldProcess is asked per node by the engine, only for nodes it would change.
/// </summary>
public abstract class DasNodeLifecycleCmdlet : DasRemoteCmdlet
{
    private protected DasNodeLifecycleCmdlet(int defaultTimeoutSeconds) => TimeoutSeconds = defaultTimeoutSeconds;

    /// <summary>The nodes to work on; every DAS node of the cluster when not given.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("NodeName")]
    [ArgumentCompleter(typeof(NodeNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Node { get; set; }

    /// <summary>Seconds to wait for each node to become ready (start) or to exit (stop).</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSeconds { get; set; }

    /// <summary>Output the cluster, when every node succeeded, instead of one result per node.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override IReadOnlyCollection<string>? NodeNames => Node;

    /// <summary>What the cmdlet does. (An enum rather than an override taking engine types: PowerShell loads the cmdlet classes before the engine can be resolved.)</summary>
    private protected enum Operation
    {
        Start,
        Stop,
        Restart,
    }

    private protected abstract Operation Kind { get; }

    private protected override void ProcessCluster(DasCluster cluster, IReadOnlyList<string>? names)
    {
        var spec = cluster.Spec;
        var nodes = SelectNodes(cluster, names);
        if (nodes == null) return;
        using var connections = Connect(spec);
        if (connections == null) return;
        var timeout = TimeSpan.FromSeconds(TimeoutSeconds);
        var kind = Kind;
        var activity = Format(kind == Operation.Start ? Strings.ActivityStart : kind == Operation.Stop ? Strings.ActivityStop : Strings.ActivityRestart, spec.Name);
        var results = RunOperation(activity, null, (reporter, token) =>
        {
            var lifecycle = new ClusterLifecycle(spec, connections.ShellFor, reporter) { StartTimeout = timeout, StopTimeout = timeout };
            return kind == Operation.Start ? lifecycle.StartAsync(nodes, token)
                : kind == Operation.Stop ? lifecycle.StopAsync(nodes, token)
                : lifecycle.RestartAsync(nodes, token);
        });
        var action = kind == Operation.Start ? Strings.ActionStart : kind == Operation.Stop ? Strings.ActionStop : Strings.ActionRestart;

        foreach (var result in results)
        {
            WriteVerbose(Format(Strings.VerboseNodeOutcome, result.Node, result.Outcome, result.Detail));
            if (!result.Succeeded)
                WriteError(result.Unreachable ? DasErrors.NodeUnreachable(result.Node, result.Detail) : DasErrors.NodeActionFailed(action, result.Node, result.Detail));
        }
        if (PassThru)
        {
            // A node that failed keeps the cluster from the next step of the pipeline: the error says why.
            if (results.All(r => r.Succeeded)) WriteObject(cluster);
            return;
        }
        foreach (var result in results) WriteObject(new DasNodeActionResult(cluster, result));
    }
}
