using System.Linq;
using DasOps.Engine.Products.Sp;

namespace DasOps;

/// <summary>One Siddhi app the active manager has (Get-DasSiddhiApp): its state and where each execution group runs.</summary>
public sealed class DasSiddhiApp
{
    internal DasSiddhiApp(DasCluster cluster, DeployedSiddhiApp app)
    {
        Cluster = cluster;
        Name = app.Name;
        Status = app.Status;
        Groups = app.Groups.Select(g => new DasSiddhiAppGroup(g)).ToArray();
    }

    public DasCluster Cluster { get; }

    public string Name { get; }

    /// <summary>active, or waiting (held back until minResourceCount workers have joined).</summary>
    public string Status { get; }

    public DasSiddhiAppGroup[] Groups { get; }

    public override string ToString() => $"{Name}: {Status}";
}
