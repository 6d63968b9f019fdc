using System.Linq;
using DasOps.Engine.Products.Sp;
using DasOps.Internal;

namespace DasOps;

/// <summary>One app after Publish-DasSiddhiApp: what was done (or, with -WhatIf, would be), through which manager, and where its groups run.</summary>
public sealed class DasSiddhiAppDeployment
{
    internal DasSiddhiAppDeployment(DasCluster cluster, SiddhiAppDeployment deployment)
    {
        Cluster = cluster;
        App = deployment.App;
        File = deployment.File;
        Action = EnumMap.ToModule<DasSiddhiAppAction>(deployment.Action);
        Manager = deployment.Manager;
        Status = deployment.Status;
        Groups = deployment.Groups.Select(g => new DasSiddhiAppGroup(g)).ToArray();
    }

    public DasCluster Cluster { get; }

    /// <summary>The app's name (@App:name), by which the manager knows it.</summary>
    public string App { get; }

    /// <summary>The .siddhi file it was read from.</summary>
    public string File { get; }

    public DasSiddhiAppAction Action { get; }

    /// <summary>The active manager it was deployed through.</summary>
    public string Manager { get; }

    /// <summary>active; waiting (held back until minResourceCount workers have joined); "not deployed" under -WhatIf; "not listed" when the manager did not list it in time.</summary>
    public string Status { get; }

    /// <summary>Each execution group with its parallelism and its workers (the planned groups under -WhatIf).</summary>
    public DasSiddhiAppGroup[] Groups { get; }

    public override string ToString() => $"{App}: {Action}";
}
