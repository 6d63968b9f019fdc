using System.Collections.Generic;
using System.Linq;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Products.Das;

/// <summary>
/// The order nodes start in, as waves: a wave starts only when the one before is ready. The first WKA member of each
/// Hazelcast cluster goes alone first so it becomes the coordinator (and, in minimum HA, the CEP active node and the
/// ALIVE Spark master) deterministically; the rest of its cluster follows in parallel.
/// </summary>
internal static class DasStartOrder
{
    public static IReadOnlyList<IReadOnlyList<NodeSpec>> WavesOf(ClusterSpec spec, DasTopology topology, IEnumerable<NodeSpec> selected)
    {
        var wanted = new HashSet<NodeSpec>(selected.Where(topology.IsDasNode));
        var waves = new List<IReadOnlyList<NodeSpec>>();
        void Wave(IEnumerable<NodeSpec> nodes)
        {
            var list = nodes.Where(wanted.Contains).ToList();
            foreach (var n in list) wanted.Remove(n);
            if (list.Count > 0) waves.Add(list);
        }

        if (spec.Pattern == Pattern.MinimumHa)
        {
            Wave(spec.Nodes.Take(1));
            Wave(spec.Nodes);
            return waves;
        }
        // Receivers and indexers are the WKA members of the main cluster; analyzers form their own.
        var main = spec.NodesWithRole(NodeRole.Indexer).Concat(spec.NodesWithRole(NodeRole.Receiver)).ToList();
        var analyzers = spec.NodesWithRole(NodeRole.Analyzer).ToList();
        Wave(main.Take(1).Concat(analyzers.Take(1)));
        Wave(main.Concat(analyzers));
        Wave(spec.NodesWithRole(NodeRole.Dashboard));
        Wave(wanted.ToList());
        return waves;
    }
}
