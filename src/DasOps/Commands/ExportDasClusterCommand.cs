using System.Management.Automation;
using DasOps.Engine.Spec;
using DasOps.Internal;

namespace DasOps.Commands;

/// <summary>
/// Export-DasCluster: writes a cluster spec atomically (write beside, then rename). Refuses to replace a file
/// without -Force, and refuses to write a spec that does not validate. Secrets are never written: only the names
/// of the environment variables that hold them.
/// </summary>
[Cmdlet(VerbsData.Export, "DasCluster", SupportsShouldProcess = true, DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(DasCluster))]
public sealed class ExportDasClusterCommand : DasCmdlet
{
    private const string DefaultSet = "Path";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public DasCluster Cluster { get; set; } = null!;

    // First by position, as with Export-Csv: New-DasCluster ... | Export-DasCluster ./prod.yaml
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var file = ResolveFileSystemPath(Path);
        if (file == null) return;
        var spec = Cluster.Spec;
        var errors = DasErrors.Located(SpecValidator.Validate(spec), Cluster.Path ?? spec.SourceFile);
        if (errors.Count > 0)
        {
            WriteErrors(DasErrors.SpecInvalid(errors, Cluster));
            WriteError(DasErrors.SpecNotWritten(spec, errors.Count, file));
            return;
        }
        if (!ShouldProcess(file, Format(Strings.ActionWriteSpec, spec.Name, spec.Nodes.Count))) return;
        if (!TryWriteSpec(spec, file, Force)) return;
        Cluster.Path = file;
        if (PassThru) WriteObject(Cluster);
    }
}
