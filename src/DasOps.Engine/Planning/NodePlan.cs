using System.Collections.Generic;
using System.Linq;

namespace DasOps.Engine.Planning;

/// <summary>Every managed file of one node, planned.</summary>
public sealed class NodePlan
{
    public NodePlan(string node, string home, IReadOnlyList<FilePlan> files)
    {
        Node = node;
        Home = home;
        Files = files;
    }

    public string Node { get; }
    public string Home { get; }
    public IReadOnlyList<FilePlan> Files { get; }

    public bool HasChanges => Files.Any(f => f.Change != FileChange.Unchanged);
    public int ChangedCount => Files.Count(f => f.Change != FileChange.Unchanged);
}
