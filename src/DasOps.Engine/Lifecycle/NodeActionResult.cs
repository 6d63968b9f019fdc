using System;

namespace DasOps.Engine.Lifecycle;

public enum NodeOutcome
{
    Started,
    AlreadyRunning,
    Stopped,
    AlreadyStopped,

    /// <summary>Did not stop within the timeout after SIGTERM and was killed.</summary>
    Killed,
    Failed,
    Skipped,
}

/// <summary>What start, stop or restart did to one node.</summary>
public sealed class NodeActionResult
{
    public NodeActionResult(string node, NodeOutcome outcome, int? pid, string detail, TimeSpan duration, bool unreachable = false)
    {
        Node = node;
        Outcome = outcome;
        Pid = pid;
        Detail = detail;
        Duration = duration;
        Unreachable = unreachable;
    }

    /// <summary>The node could not be reached over SSH, so nothing was done there (as opposed to a start or stop that failed).</summary>
    public bool Unreachable { get; }

    public string Node { get; }
    public NodeOutcome Outcome { get; }
    public int? Pid { get; }
    public string Detail { get; }
    public TimeSpan Duration { get; }

    public bool Succeeded => Outcome != NodeOutcome.Failed;
}
