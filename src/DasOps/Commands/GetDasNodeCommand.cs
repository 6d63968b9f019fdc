using System.Collections.Generic;
using System.Management.Automation;
using DasOps.Engine.Lifecycle;
using DasOps.Internal;

namespace DasOps.Commands;

/// <summary>
/// Get-DasNode: reads each node's live state in parallel (process, readiness, CEP HA role, Spark master, members),
/// like <c>dasops status</c>. Changes nothing. An unreachable node is output as such and is also an error.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DasNode", DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(DasNodeStatus))]
public sealed class GetDasNodeCommand : DasRemoteCmdlet
{
    private const string DefaultSet = "Default";

    /// <summary>The nodes to read; every DAS node of the cluster when not given.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("NodeName")]
    [ArgumentCompleter(typeof(NodeNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Node { get; set; }

    private protected override IReadOnlyCollection<string>? NodeNames => Node;

    private protected override void ProcessCluster(DasCluster cluster, IReadOnlyList<string>? names)
    {
        var spec = cluster.Spec;
        var nodes = SelectNodes(cluster, names);
        if (nodes == null) return;
        using var connections = Connect(spec);
        if (connections == null) return;
        var statuses = RunOperation(Format(Strings.ActivityStatus, spec.Name), null, (_, token) =>
            ClusterStatusReader.ReadAsync(spec, nodes, connections.ShellFor, token));
        foreach (var status in statuses)
        {
            WriteObject(new DasNodeStatus(cluster, status));
            // The engine's word for a node it could not reach (dasops status exits 1 on it too).
            if (status.Process == "unreachable") WriteError(DasErrors.NodeUnreachable(status.Node, status.Detail));
        }
    }
}
