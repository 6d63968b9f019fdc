using DasOps.Engine.Planning;
using DasOps.Internal;

namespace DasOps;

/// <summary>What applying the configuration does to one file of one node, with a diff in which secrets are masked.</summary>
public sealed class DasFileChange
{
    internal DasFileChange(FilePlan plan)
    {
        Node = plan.Node;
        Path = plan.Path;
        Change = EnumMap.ToModule<DasChangeKind>(plan.Change);
        CurrentHash = plan.CurrentHash;
        DesiredHash = plan.DesiredHash;
        Diff = plan.Diff;
    }

    public string Node { get; }

    /// <summary>Relative to the product home, '/' separated.</summary>
    public string Path { get; }

    public DasChangeKind Change { get; }

    /// <summary>sha256 of the file as found on the node; null when it does not exist.</summary>
    public string? CurrentHash { get; }

    public string DesiredHash { get; }

    /// <summary>Unified diff, every secret replaced by a mask; empty when the file is unchanged.</summary>
    public string Diff { get; }

    public override string ToString() => $"{Node}:{Path} ({Change})";
}
