using System;
using System.Management.Automation;
using DasOps.Internal;

namespace DasOps.Commands;

/// <summary>
/// Import-DasCluster: reads and validates spec files. A file with problems writes one DasSpecInvalid error per
/// problem (file:line:column in the message) and outputs nothing; the other files are still imported.
/// </summary>
[Cmdlet(VerbsData.Import, "DasCluster", DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(DasCluster))]
public sealed class ImportDasClusterCommand : DasCmdlet
{
    private const string DefaultSet = "Path";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        foreach (var path in Path)
        {
            foreach (var file in ResolveSpecFiles(path, missing => WriteError(DasErrors.SpecNotFound(missing))))
            {
                var cluster = ReadCluster(file);
                if (cluster != null) WriteObject(cluster);
            }
        }
    }
}
