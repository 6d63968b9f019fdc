using System.Collections.Generic;
using System.Linq;
using DasOps.Engine.Planning;

namespace DasOps.Engine.Publishing;

/// <summary>
/// What a node needs, from its plan and what was read: the files whose bytes differ, secret files whose mode is
/// looser than 0600 (rewritten so the mode is fixed the same atomic way), and whether the Spark link must be set.
/// </summary>
internal sealed class NodeChanges
{
    private NodeChanges(NodePlan plan, NodeSnapshot snapshot, IReadOnlyList<FileWrite> writes, string? link, bool setLink)
    {
        Plan = plan;
        Snapshot = snapshot;
        Writes = writes;
        Link = link;
        SetLink = setLink;
    }

    public NodePlan Plan { get; }
    public NodeSnapshot Snapshot { get; }
    public IReadOnlyList<FileWrite> Writes { get; }

    /// <summary>The Spark link this node keeps, or null.</summary>
    public string? Link { get; }

    /// <summary>The link is missing or points elsewhere.</summary>
    public bool SetLink { get; }

    public bool Any => Writes.Count > 0 || SetLink;

    public static NodeChanges Of(NodePlan plan, NodeSnapshot snapshot, string? link)
    {
        var writes = new List<FileWrite>();
        foreach (var file in plan.Files)
        {
            snapshot.Files.TryGetValue(file.Path, out var live);
            var exists = live != null && live.Kind == LiveFileKind.Regular;
            // Stricter than 0600 is left alone (rewriting it every run would never converge); looser is tightened.
            var modeTooOpen = file.HoldsSecrets && exists && Modes.Looser(live!.Mode, file.Mode);
            if (file.Change != FileChange.Unchanged || modeTooOpen)
                writes.Add(new FileWrite(file, exists ? live!.Owner : null, exists ? live!.Mode : (int?)null));
        }
        if (link != null && snapshot.Link == LinkState.NotALink)
            throw new NodeOperationException(plan.Node, NodeFailure.Refused,
                "exists and is not a symbolic link; DasOps will not replace a real file or directory with the Spark link", link);
        var setLink = link != null && !(snapshot.Link == LinkState.Link && snapshot.LinkTarget == plan.Home);
        return new NodeChanges(plan, snapshot, writes, link, setLink);
    }

    /// <summary>Per-file results; <paramref name="written"/> says whether the writes happened.</summary>
    public IReadOnlyList<FilePublishResult> Results(bool written)
    {
        var toWrite = new HashSet<string>(Writes.Select(w => w.Path));
        return Plan.Files.Select(f =>
        {
            Snapshot.Files.TryGetValue(f.Path, out var live);
            var mode = live != null && live.Kind == LiveFileKind.Regular ? live.Mode : (int?)null;
            return FilePublishResult.FromPlan(f, mode, Modes.NeverLooser(f.Mode, mode), toWrite.Contains(f.Path), written && toWrite.Contains(f.Path));
        }).ToList();
    }

    /// <summary>"create" / "repoint" text for the link, or null when it is already right.</summary>
    public string? LinkChange =>
        !SetLink ? null
        : Snapshot.Link == LinkState.Link ? $"{Link} -> {Plan.Home} (now -> {Snapshot.LinkTarget})"
        : $"{Link} -> {Plan.Home} (missing)";
}
