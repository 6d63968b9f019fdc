using System.Linq;
using DasOps.Engine.Lifecycle;
using DasOps.Internal;

namespace DasOps;

/// <summary>
/// What Clear-DasPersistence did on one node: how many CEP state snapshots it kept and deleted, and the bytes freed.
/// With -WhatIf, <see cref="Files"/> lists what would be deleted.
/// </summary>
public sealed class DasPersistenceResult
{
    internal DasPersistenceResult(DasCluster cluster, PersistenceCleanResult result)
    {
        Cluster = cluster;
        Node = result.Node;
        Status = EnumMap.ToModule<DasPersistenceStatus>(result.Status);
        Directory = result.Root;
        Kept = result.Kept;
        Deleted = result.Deleted.Count;
        BytesFreed = result.BytesFreed;
        Ignored = result.Ignored;
        Files = result.Selected.Select(f => f.Path).ToArray();
        Detail = result.Error ?? "";
    }

    public DasCluster Cluster { get; }

    public string Node { get; }

    public DasPersistenceStatus Status { get; }

    /// <summary>The node's persistence directory, HOME/cep_persistence.</summary>
    public string Directory { get; }

    /// <summary>Snapshot files left: the two newest of each execution plan.</summary>
    public int Kept { get; }

    /// <summary>Snapshot files deleted by this run.</summary>
    public int Deleted { get; }

    public long BytesFreed { get; }

    /// <summary>Files under the directory that are not snapshots (TENANT/PLAN/TIMESTAMP_PLAN); never deleted.</summary>
    public int Ignored { get; }

    /// <summary>The snapshot files selected for deletion: deleted, or with -WhatIf the ones that would be.</summary>
    public string[] Files { get; }

    /// <summary>Why the node failed; empty otherwise.</summary>
    public string Detail { get; }

    public override string ToString() => $"{Node}: {Status}";
}
