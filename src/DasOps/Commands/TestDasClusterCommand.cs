using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DasOps.Engine.Spec;
using DasOps.Internal;

namespace DasOps.Commands;

/// <summary>
/// Test-DasCluster: validates a cluster object or spec files without touching any node, like <c>dasops validate</c>.
/// Outputs one DasValidationError per problem; with -Quiet, one bool per cluster or file instead.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "DasCluster", DefaultParameterSetName = ClusterSet)]
[OutputType(typeof(DasValidationError))]
[OutputType(typeof(bool))]
public sealed class TestDasClusterCommand : DasCmdlet
{
    private const string ClusterSet = "Cluster";
    private const string PathSet = "Path";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ClusterSet)]
    [ValidateNotNull]
    public DasCluster Cluster { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
    [Alias("FullName", "PSPath")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ClusterSet)
        {
            Report(DasErrors.Located(SpecValidator.Validate(Cluster.Spec), Cluster.Path ?? Cluster.Spec.SourceFile));
            return;
        }
        foreach (var path in Path)
        {
            foreach (var file in ResolveSpecFiles(path, missing => Report(new[] { new SpecError(new SpecLocation(missing, 0, 0), "SpecNotFound", "no such file.") })))
            {
                Report(LoadAndValidate(file, out _));
            }
        }
    }

    private void Report(IReadOnlyList<SpecError> errors)
    {
        if (Quiet) WriteObject(errors.Count == 0);
        else WriteObject(errors.Select(e => new DasValidationError(e)), enumerateCollection: true);
    }
}
