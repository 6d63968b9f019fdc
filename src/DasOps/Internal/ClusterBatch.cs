using System;
using System.Collections.Generic;
using System.Linq;

namespace DasOps.Internal;

/// <summary>
/// The input of one call of a node cmdlet, per cluster object (by reference, in the order first seen): the union of
/// the node names asked for, or every node as soon as one input record names none.
/// </summary>
internal sealed class ClusterBatch
{
    private readonly List<Entry> _entries = new List<Entry>();

    public void Add(DasCluster cluster, IEnumerable<string>? nodes)
    {
        var entry = _entries.FirstOrDefault(e => ReferenceEquals(e.Cluster, cluster));
        if (entry == null)
        {
            entry = new Entry(cluster);
            _entries.Add(entry);
        }
        var names = nodes?.Where(n => !string.IsNullOrWhiteSpace(n)).ToList();
        if (names == null || names.Count == 0)
        {
            entry.All = true;
            return;
        }
        foreach (var name in names.Where(n => !entry.Nodes.Contains(n, StringComparer.OrdinalIgnoreCase))) entry.Nodes.Add(name);
    }

    /// <summary>Each cluster with the node names asked for, or null for every node.</summary>
    public IEnumerable<(DasCluster Cluster, IReadOnlyList<string>? Nodes)> Entries =>
        _entries.Select(e => (e.Cluster, e.All ? null : (IReadOnlyList<string>)e.Nodes));

    private sealed class Entry
    {
        public Entry(DasCluster cluster) => Cluster = cluster;

        public DasCluster Cluster { get; }
        public bool All { get; set; }
        public List<string> Nodes { get; } = new List<string>();
    }
}
