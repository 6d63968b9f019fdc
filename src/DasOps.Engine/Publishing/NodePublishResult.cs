using System;
using System.Collections.Generic;
using System.Linq;
using DasOps.Engine.Planning;

namespace DasOps.Engine.Publishing;

/// <summary>One node's outcome of plan, apply or restore. Holds no secret: diffs are masked, contents are not kept.</summary>
public sealed class NodePublishResult
{
    internal NodePublishResult(string node, PublishStatus status, IReadOnlyList<FilePublishResult> files, TimeSpan duration,
        NodePlan? plan = null, string? linkChange = null, string? error = null, NodeFailure failure = NodeFailure.None,
        string? backupId = null, string? restoredFrom = null)
    {
        Node = node;
        Status = status;
        Files = files;
        Duration = duration;
        Plan = plan;
        LinkChange = linkChange;
        Error = error;
        Failure = failure;
        BackupId = backupId;
        RestoredFrom = restoredFrom;
    }

    public string Node { get; }
    public PublishStatus Status { get; }
    public IReadOnlyList<FilePublishResult> Files { get; }
    public TimeSpan Duration { get; }

    /// <summary>The plan the run computed for this node (null when it failed before planning).</summary>
    public NodePlan? Plan { get; }

    /// <summary>The Spark link change the node needed ("LINK -> HOME (missing)"), or null when it was right.</summary>
    public string? LinkChange { get; }

    /// <summary>Why the node failed or was skipped; names the node and, where it applies, the file.</summary>
    public string? Error { get; }

    public NodeFailure Failure { get; }

    /// <summary>The backup of the files this run replaced: HOME/.dasops/backups/ID on the node.</summary>
    public string? BackupId { get; }

    /// <summary>For a restore: the backup that was put back.</summary>
    public string? RestoredFrom { get; }

    /// <summary>The node differed from the spec when the run read it (drift, for `plan`).</summary>
    public bool Differs => LinkChange != null || Files.Any(f => f.NeedsWrite);

    public int WrittenCount => Files.Count(f => f.Written);

    public int DifferingCount => Files.Count(f => f.NeedsWrite);

    /// <summary>One line for progress displays and logs: what happened to the node (never a secret).</summary>
    public string Summary
    {
        get
        {
            switch (Status)
            {
                case PublishStatus.Unchanged:
                    return "unchanged";
                case PublishStatus.Failed:
                    return "FAILED: " + Error;
                case PublishStatus.Skipped:
                    if (Error != null) return Error;
                    return RestoredFrom != null
                        ? $"would restore {Files.Count} file(s) from backup {RestoredFrom}, nothing written"
                        : $"differs: {Describe(DifferingCount)}, nothing written";
                default:
                    if (RestoredFrom != null) return $"restored {WrittenCount} file(s) from backup {RestoredFrom}, previous files kept in backup {BackupId}";
                    return $"changed: {Describe(WrittenCount)} written" + (BackupId != null ? $", backup {BackupId}" : "");
            }
        }
    }

    private string Describe(int files) =>
        string.Join(" and ", new[] { files > 0 ? $"{files} file(s)" : null, LinkChange != null ? "the Spark link" : null }.Where(p => p != null));

    internal static NodePublishResult Failed(string node, string error, NodeFailure failure, TimeSpan duration, NodePlan? plan = null) =>
        new NodePublishResult(node, PublishStatus.Failed, plan == null ? Array.Empty<FilePublishResult>() : plan.Files.Select(f => FilePublishResult.FromPlan(f, null, f.Mode, f.Change != FileChange.Unchanged, false)).ToList(),
            duration, plan, error: error, failure: failure);

    public override string ToString() => $"{Node}: {Status}" + (Error != null ? " - " + Error : "");
}
