using System.Collections.Generic;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Products;

/// <summary>The product's view of the spec's nodes that the engine needs without knowing the product.</summary>
public interface IProductTopology
{
    /// <summary>The nodes DasOps configures and runs, in spec order (DAS: every node but Storm-only ones).</summary>
    IReadOnlyList<NodeSpec> ManagedNodes { get; }

    bool Manages(NodeSpec node);

    /// <summary>Why DasOps leaves a node alone, for the error when one is named (DAS: it runs only Storm), or null when it is managed.</summary>
    string? UnmanagedReasonOf(NodeSpec node);

    /// <summary>The role a node is shown with in status and node listings (DAS: its profile, or Default in minimum HA).</summary>
    string RoleOf(NodeSpec node);

    /// <summary>
    /// The selected managed nodes as start waves: a wave starts only when the one before is ready; stop runs the waves
    /// in reverse. Unmanaged nodes are left out.
    /// </summary>
    IReadOnlyList<IReadOnlyList<NodeSpec>> StartWavesOf(IEnumerable<NodeSpec> selected);
}
