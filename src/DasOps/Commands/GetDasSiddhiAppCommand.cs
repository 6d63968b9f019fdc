using System.Collections.Generic;
using System.Management.Automation;
using DasOps.Engine.Products.Sp;

namespace DasOps.Commands;

/// <summary>
/// Get-DasSiddhiApp: lists the Siddhi apps the active manager of a Stream Processor cluster has, each with its state
/// and where every execution group runs, like <c>dasops app list</c>. Changes nothing.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DasSiddhiApp", DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(DasSiddhiApp))]
public sealed class GetDasSiddhiAppCommand : DasRemoteCmdlet
{
    private const string DefaultSet = "Default";

    private protected override void ProcessCluster(DasCluster cluster, IReadOnlyList<string>? nodes)
    {
        var spec = cluster.Spec;
        using var connections = Connect(spec);
        if (connections == null) return;
        var apps = RunOperation(Format(Strings.ActivitySiddhiList, spec.Name), null, (_, token) =>
            new SiddhiAppPublisher(spec, connections.ShellFor).ListAsync(token));
        foreach (var app in apps) WriteObject(new DasSiddhiApp(cluster, app));
    }
}
