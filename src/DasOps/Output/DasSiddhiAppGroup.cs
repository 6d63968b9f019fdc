using System.Linq;
using DasOps.Engine.Products.Sp;

namespace DasOps;

/// <summary>One execution group of a distributed Siddhi app: its parallelism and the workers its instances run on.</summary>
public sealed class DasSiddhiAppGroup
{
    internal DasSiddhiAppGroup(DeployedGroup group)
    {
        Name = group.Name;
        Parallel = group.Parallel;
        Workers = group.Workers.ToArray();
    }

    /// <summary>The execGroup of @dist.</summary>
    public string Name { get; }

    /// <summary>How many instances of the group the manager runs (parallel of @dist, 1 when not given).</summary>
    public int Parallel { get; }

    /// <summary>The carbon ids of the workers the instances run on; empty in a -WhatIf plan and while the app waits for workers.</summary>
    public string[] Workers { get; }

    public override string ToString() => Workers.Length == 0 ? $"{Name} x{Parallel}" : $"{Name} x{Parallel} on {string.Join(", ", Workers)}";
}
