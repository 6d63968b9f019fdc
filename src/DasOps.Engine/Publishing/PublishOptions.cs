using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace DasOps.Engine.Publishing;

/// <summary>What plan, apply and restore take besides the spec.</summary>
public sealed class PublishOptions
{
    public const int DefaultParallelism = 8;

    /// <summary>Nodes to work on (names from the spec); null or empty means every DAS node (or every node of the saved plan).</summary>
    public IReadOnlyCollection<string>? Nodes { get; set; }

    /// <summary>How many nodes are worked on at once.</summary>
    public int Parallelism { get; set; } = DefaultParallelism;

    /// <summary>Apply only if every node still matches this plan exactly (`apply --plan FILE`).</summary>
    public SavedPlan? SavedPlan { get; set; }

    /// <summary>End the run holding a node's lock (by its recorded pid on the node) and take it. Explicit only.</summary>
    public bool BreakLock { get; set; }

    /// <summary>For restore: the backup id to put back; null means the newest.</summary>
    public string? BackupId { get; set; }

    /// <summary>Who this run is, as recorded in each node's lock file and quoted to a competing run; null means user@host pid=N since the run's start.</summary>
    public string? Holder { get; set; }

    public static string DefaultHolder()
    {
        using var self = Process.GetCurrentProcess();
        return $"{Environment.UserName}@{Environment.MachineName} pid={self.Id} since {DateTime.UtcNow:yyyy-MM-dd'T'HH:mm:ss'Z'}";
    }
}
