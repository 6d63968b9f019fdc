using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using DasOps.Engine.Publishing;
using DasOps.Internal;

namespace DasOps.Commands;

/// <summary>
/// Restore-DasConfiguration: puts a node's previous configuration files back from its backups on the node
/// (HOME/.dasops/backups/ID, the newest unless -BackupId names one), atomically; the files it replaces are backed up
/// first, so a restore can itself be undone. Like <c>dasops restore</c>. ShouldProcess is asked per node.
/// </summary>
[Cmdlet(VerbsData.Restore, "DasConfiguration", SupportsShouldProcess = true, DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(DasFileChange))]
public sealed class RestoreDasConfigurationCommand : DasRemoteCmdlet
{
    private const string DefaultSet = "Default";

    /// <summary>The nodes to restore; required, a restore is never cluster-wide by accident.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("NodeName")]
    [ArgumentCompleter(typeof(NodeNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Node { get; set; } = System.Array.Empty<string>();

    /// <summary>The backup to put back, a UTC timestamp such as 20250131T235959.123Z; the newest when not given.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BackupId { get; set; }

    /// <summary>End the DasOps run that holds a node's lock (a hung run) and take the lock.</summary>
    [Parameter]
    public SwitchParameter BreakLock { get; set; }

    /// <summary>How many nodes are restored at once.</summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = PublishOptions.DefaultParallelism;

    private protected override IReadOnlyCollection<string>? NodeNames => Node;

    private protected override void ProcessCluster(DasCluster cluster, IReadOnlyList<string>? names)
    {
        var spec = cluster.Spec;
        var nodes = SelectNodes(cluster, names ?? Node);
        if (nodes == null) return;
        var options = new PublishOptions { Nodes = nodes.Select(n => n.Name).ToList(), BackupId = BackupId, BreakLock = BreakLock, Parallelism = ThrottleLimit };
        using var connections = Connect(spec);
        if (connections == null) return;
        var clock = Stopwatch.StartNew();
        var results = RunOperation(Format(Strings.ActivityRestore, spec.Name), null, (reporter, token) =>
            new ConfigurationRestorer(spec, connections, reporter).RestoreAsync(options, token));
        foreach (var result in results)
        {
            WriteVerbose(PublishText.NodeLine(result));
            if (result.Status == PublishStatus.Failed)
            {
                WriteError(DasErrors.NodeFailed(result.Node, result.Failure, result.Error ?? result.Summary));
                continue;
            }
            foreach (var file in result.Files.Where(f => f.NeedsWrite)) WriteObject(new DasFileChange(file, result.BackupId, result.RestoredFrom));
        }
        WriteVerbose(PublishText.Summary("Restore", results, clock.Elapsed));
    }
}
