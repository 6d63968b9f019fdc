using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DasOps.Engine.Publishing;
using DasOps.Engine.Secrets;
using DasOps.Internal;

namespace DasOps.Commands;

/// <summary>
/// Publish-DasConfiguration: writes every managed configuration file of every node that differs from the spec,
/// atomically and with a backup, node by node in parallel, like <c>dasops apply</c>. ShouldProcess is asked per
/// node by the engine (-WhatIf shows each file's masked diff). Outputs one DasFileChange per file that differed;
/// with -PassThru, the cluster instead when no node failed.
/// </summary>
[Cmdlet(VerbsData.Publish, "DasConfiguration", SupportsShouldProcess = true, DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(DasFileChange))]
[OutputType(typeof(DasCluster))]
public sealed class PublishDasConfigurationCommand : DasRemoteCmdlet
{
    private const string DefaultSet = "Default";

    /// <summary>The nodes to write; every DAS node of the cluster (or of the saved plan) when not given.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("NodeName")]
    [ArgumentCompleter(typeof(NodeNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Node { get; set; }

    /// <summary>The password of the cluster's database user (it is written into the datasource files); the user name is the spec's.</summary>
    [Parameter]
    [Credential]
    public PSCredential? DatabaseCredential { get; set; }

    /// <summary>The password of the dep-sync SVN user; the user name is the spec's.</summary>
    [Parameter]
    [Credential]
    public PSCredential? SvnCredential { get; set; }

    /// <summary>Apply exactly the plan Compare-DasConfiguration -PlanPath saved; nothing is written unless every node still matches it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PlanPath { get; set; }

    /// <summary>End the DasOps run that holds a node's lock (a hung run) and take the lock.</summary>
    [Parameter]
    public SwitchParameter BreakLock { get; set; }

    /// <summary>How many nodes are written at once.</summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = PublishOptions.DefaultParallelism;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override IReadOnlyCollection<string>? NodeNames => Node;

    private protected override void ProcessCluster(DasCluster cluster, IReadOnlyList<string>? names)
    {
        var spec = cluster.Spec;
        List<string>? selected = null;
        if (names != null)
        {
            var nodes = SelectNodes(cluster, names);
            if (nodes == null) return;
            selected = nodes.Select(n => n.Name).ToList();
        }
        var secrets = ResolveSecrets(spec, ClusterSecrets.NeededToRender(spec), DatabaseCredential, null, SvnCredential);
        var options = new PublishOptions { Nodes = selected, Parallelism = ThrottleLimit, BreakLock = BreakLock };
        if (PlanPath != null)
        {
            var planFile = ResolveFileSystemPath(PlanPath);
            if (planFile == null) return;
            // A plan that cannot be read or is not one is bad input (DasPlanInvalid), reported before any node is contacted.
            options.SavedPlan = SavedPlan.Load(planFile);
        }
        using var connections = Connect(spec);
        if (connections == null) return;
        var clock = Stopwatch.StartNew();
        var results = RunOperation(Format(Strings.ActivityPublish, spec.Name), secrets, (reporter, token) =>
            new ConfigurationPublisher(spec, secrets, connections, reporter).ApplyAsync(options, token));

        var whatIf = WhatIfRequested;
        foreach (var result in results)
        {
            WriteVerbose(PublishText.NodeLine(result));
            if (result.Status == PublishStatus.Failed)
            {
                WriteError(DasErrors.NodeFailed(result.Node, result.Failure, result.Error ?? result.Summary));
                continue;
            }
            if (result.LinkChange != null) WriteVerbose(Format(Strings.VerboseLinkSet, result.Node, result.LinkChange));
            var changed = result.Files.Where(f => f.NeedsWrite).ToList();
            if (whatIf && result.Status == PublishStatus.Skipped)
            {
                foreach (var file in changed)
                    WriteWhatIf(file.ModeOnly
                        ? Format(Strings.WhatIfMode, result.Node, file.Path, FilePublishResult.Octal(file.CurrentMode ?? 0), FilePublishResult.Octal(file.Mode))
                        : Format(Strings.WhatIfDiff, result.Node, file.Path, file.Diff.TrimEnd('\n')));
            }
            if (!PassThru)
            {
                foreach (var file in changed) WriteObject(new DasFileChange(file, result.BackupId, null));
            }
        }
        WriteVerbose(PublishText.Summary("Publish", results, clock.Elapsed));
        // A node that failed keeps the cluster from the next step of the pipeline: the error says why.
        if (PassThru && results.All(r => r.Status != PublishStatus.Failed)) WriteObject(cluster);
    }
}
