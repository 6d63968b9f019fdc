using System;
using System.Collections.Generic;
using System.Linq;
using DasOps.Engine.Products;
using DasOps.Engine.Spec;
using DasOps.Engine.Diagnostics;

namespace DasOps.Engine.Publishing;

/// <summary>The nodes a run works on: every node the product manages, or the ones named (checked before anything is touched).</summary>
public static class NodeSelection
{
    /// <summary>Throws <see cref="InputException"/> naming an unknown node and listing the spec's nodes.</summary>
    public static IReadOnlyList<NodeSpec> Resolve(ClusterSpec spec, IEnumerable<string>? names)
    {
        var topology = ProductCatalog.For(spec).Topology;
        var wanted = names?.Where(n => !string.IsNullOrWhiteSpace(n)).ToList() ?? new List<string>();
        if (wanted.Count == 0) return topology.ManagedNodes;

        var selected = new List<NodeSpec>();
        foreach (var name in wanted)
        {
            var node = spec.FindNode(name)
                ?? throw new InputException(InputErrorKind.NodeNotFound, $"unknown node '{name}'; the spec has {string.Join(", ", spec.Nodes.Select(n => n.Name))}.", name);
            if (topology.UnmanagedReasonOf(node) is { } reason)
                throw new InputException(InputErrorKind.ParameterInvalid, $"node '{name}' {reason}.", name);
            if (!selected.Contains(node)) selected.Add(node);
        }
        // Spec order, whatever order they were named in: output stays stable.
        return spec.Nodes.Where(selected.Contains).ToList();
    }
}
