using System.Collections.Generic;
using System;
using System.Management.Automation;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Spec;
using DasOps.Internal;

namespace DasOps.Commands;

/// <summary>
/// New-DasCluster: scaffolds a cluster spec from the same parameters as <c>dasops new</c>, validates it, and
/// with -Path also writes it (ShouldProcess; an existing file only with -Force).
/// </summary>
[Cmdlet(VerbsCommon.New, "DasCluster", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(DasCluster))]
public sealed class NewDasClusterCommand : DasCmdlet
{
    private const string DefaultSet = "Default";

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "das";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public DasProduct Product { get; set; } = DasProduct.Das;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public DasPattern Pattern { get; set; } = DasPattern.MinimumHa;

    /// <summary>NAME=HOST[:ROLE,...], one per node.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Node { get; set; } = Array.Empty<string>();

    /// <summary>HOST[:PORT] of the MySQL/MariaDB server.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Database { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Home { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? SshUser { get; set; }

    /// <summary>StreamProcessor with Kafka: HOST[:PORT] of each broker.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Kafka { get; set; }

    /// <summary>StreamProcessor with Kafka: HOST[:PORT] of each ZooKeeper server.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? ZooKeeper { get; set; }

    /// <summary>StreamProcessor with NATS: nats://HOST[:PORT] of each server.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? NatsServer { get; set; }

    /// <summary>StreamProcessor: the workers the leader waits for before it deploys an app (stock 1).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, int.MaxValue)]
    public int MinResourceCount { get; set; } = StreamProcessorSpec.DefaultMinResourceCount;

    /// <summary>Also write the spec to this file.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        ClusterSpec spec;
        IReadOnlyList<SpecError> problems;
        try
        {
            spec = ClusterScaffold.CreateValidated(new ScaffoldOptions
            {
                Product = EnumMap.ToEngine<Product>(Product),
                Pattern = EnumMap.ToEngine<Pattern>(Pattern),
                Name = Name,
                Nodes = Node,
                Database = Database,
                Home = Home,
                SshUser = SshUser,
                Kafka = Kafka ?? Array.Empty<string>(),
                ZooKeeper = ZooKeeper ?? Array.Empty<string>(),
                Nats = NatsServer ?? Array.Empty<string>(),
                MinResourceCount = MinResourceCount,
            }, out problems);
        }
        catch (InputException e)
        {
            WriteError(DasErrors.FromInput(e, Name));
            return;
        }

        var errors = problems;
        if (errors.Count > 0)
        {
            WriteErrors(DasErrors.SpecInvalid(errors, Name));
            return;
        }

        var cluster = new DasCluster(spec, null);
        if (Path != null)
        {
            var file = ResolveFileSystemPath(Path);
            if (file == null) return;
            if (ShouldProcess(file, Format(Strings.ActionWriteSpec, spec.Name, spec.Nodes.Count)))
            {
                if (!TryWriteSpec(spec, file, Force)) return;
                cluster.Path = file;
            }
        }
        WriteObject(cluster);
    }
}
