using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DasOps.Engine.Publishing;
using DasOps.Engine.Secrets;
using DasOps.Internal;

namespace DasOps.Commands;

/// <summary>
/// Compare-DasConfiguration: reads every managed file of the live nodes and plans them against the spec, changing
/// nothing (drift), like <c>dasops plan</c>. Outputs one DasFileChange per file that differs; with -Quiet, one bool
/// per cluster that is true when every node was read and matches. -PlanPath saves the plan for
/// Publish-DasConfiguration -PlanPath.
/// </summary>
[Cmdlet(VerbsData.Compare, "DasConfiguration", DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(DasFileChange))]
[OutputType(typeof(bool))]
public sealed class CompareDasConfigurationCommand : DasRemoteCmdlet
{
    private const string DefaultSet = "Default";

    /// <summary>The nodes to compare; every DAS node of the cluster when not given.</summary>
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

    /// <summary>Also save the plan here (hashes only, no contents or secrets; mode 0600).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PlanPath { get; set; }

    /// <summary>How many nodes are read at once.</summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = PublishOptions.DefaultParallelism;

    /// <summary>Output only $true (in sync) or $false, once per cluster.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    private protected override IReadOnlyCollection<string>? NodeNames => Node;

    private protected override void ProcessCluster(DasCluster cluster, IReadOnlyList<string>? names)
    {
        var inSync = false;
        Guarded(cluster, () => inSync = Compare(cluster, names));
        if (Quiet) WriteObject(inSync);
    }

    /// <summary>Plans the nodes and outputs what differs; true when every node was read and none differs.</summary>
    private bool Compare(DasCluster cluster, IReadOnlyList<string>? names)
    {
        var spec = cluster.Spec;
        var nodes = SelectNodes(cluster, names);
        if (nodes == null) return false;
        var secrets = ResolveSecrets(spec, ClusterSecrets.NeededToRender(spec), DatabaseCredential, null, SvnCredential);
        string? planFile = null;
        if (PlanPath != null && (planFile = ResolveFileSystemPath(PlanPath)) == null) return false;
        using var connections = Connect(spec);
        if (connections == null) return false;
        var options = new PublishOptions { Nodes = nodes.Select(n => n.Name).ToList(), Parallelism = ThrottleLimit };
        var results = RunOperation(Format(Strings.ActivityCompare, spec.Name), secrets, (reporter, token) =>
            new ConfigurationPublisher(spec, secrets, connections, reporter).PlanAsync(options, token));

        foreach (var result in results)
        {
            if (result.Status == PublishStatus.Failed)
            {
                WriteError(DasErrors.NodeFailed(result.Node, result.Failure, result.Error ?? result.Summary));
                continue;
            }
            if (result.LinkChange != null) WriteWarning(Format(Strings.LinkDiffers, result.Node, result.LinkChange));
            if (!Quiet)
            {
                foreach (var file in result.Files.Where(f => f.NeedsWrite)) WriteObject(new DasFileChange(file, null, null));
            }
        }
        if (planFile != null) SavePlan(cluster, results, planFile);
        return results.All(r => r.Status != PublishStatus.Failed && !r.Differs);
    }

    private void SavePlan(DasCluster cluster, IReadOnlyList<NodePublishResult> results, string file)
    {
        try
        {
            SavedPlan.From(cluster.Spec, results).Save(file);
            WriteVerbose(Format(Strings.VerbosePlanSaved, file, cluster.Name));
        }
        catch (InvalidOperationException e)
        {
            WriteError(DasErrors.PlanNotSaved(file, e));
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            WriteError(DasErrors.FileWriteFailed(file, e));
        }
    }
}
