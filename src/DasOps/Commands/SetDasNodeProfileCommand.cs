using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DasOps.Engine.Spec;
using DasOps.Internal;

namespace DasOps.Commands;

/// <summary>
/// Set-DasNodeProfile: sets the roles (profile) of nodes in the in-memory cluster spec. ShouldProcess per node;
/// an unknown node is a DasNodeNotFound error for that node while the others proceed. Export-DasCluster saves it.
/// </summary>
[Cmdlet(VerbsCommon.Set, "DasNodeProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(DasCluster))]
public sealed class SetDasNodeProfileCommand : DasCmdlet
{
    private const string DefaultSet = "Default";

    private readonly List<DasCluster> _changed = new List<DasCluster>();

    [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public DasCluster Cluster { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("NodeName")]
    [ArgumentCompleter(typeof(NodeNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Node { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Roles")]
    [ValidateNotNullOrEmpty]
    public DasNodeRole[] Profile { get; set; } = Array.Empty<DasNodeRole>();

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var spec = Cluster.Spec;
        var roles = Profile.Distinct().OrderBy(r => r).ToList();
        var rolesText = string.Join(",", roles);
        foreach (var name in Node)
        {
            var node = spec.FindNode(name);
            if (node == null)
            {
                WriteError(DasErrors.NodeNotFound(spec, name));
                continue;
            }
            if (!ShouldProcess(Format(Strings.TargetNode, node.Name, spec.Name), Format(Strings.ActionSetRoles, rolesText))) continue;
            node.Roles = roles.Select(r => EnumMap.ToEngine<NodeRole>(r)).ToList();
            WriteVerbose(Format(Strings.VerboseRolesSet, node.Name, rolesText));
            if (spec.Pattern == Pattern.MinimumHa) WriteWarning(Format(Strings.RolesIgnoredOnMinimumHa, spec.Name, node.Name));
        }
        if (PassThru && !_changed.Contains(Cluster)) _changed.Add(Cluster);
    }

    /// <summary>
    /// Each cluster is passed on once, after every record piped in was applied: node objects arrive one by one, and the
    /// next step (Export-DasCluster, Publish-DasConfiguration) must see all their changes, once.
    /// </summary>
    protected override void EndProcessing()
    {
        foreach (var cluster in _changed) WriteObject(cluster);
        base.EndProcessing();
    }
}
