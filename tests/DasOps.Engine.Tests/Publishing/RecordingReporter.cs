using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using DasOps.Engine.Diagnostics;

namespace DasOps.Engine.Tests.Publishing;

/// <summary>Keeps every message the engine reports, answers ShouldProcess, and lets a test act when a node reaches a step.</summary>
public sealed class RecordingReporter : IOperationReporter
{
    private readonly ConcurrentQueue<string> _messages = new ConcurrentQueue<string>();

    public Func<string, string, bool> Answer { get; set; } = (_, _) => true;

    /// <summary>Called (synchronously, on the node's worker) with node and status on every NodeProgress.</summary>
    public Action<string, string>? OnNodeProgress { get; set; }

    public IReadOnlyList<string> Messages => _messages.ToList();

    public IEnumerable<string> StatusesOf(string node) => Messages.Where(m => m.StartsWith("node " + node + ": ", StringComparison.Ordinal));

    public void Progress(string activity, string status, int percent) => _messages.Enqueue($"progress {activity}: {status}");

    public void NodeProgress(string node, string status, int percent, bool completed = false)
    {
        _messages.Enqueue($"node {node}: {status}");
        OnNodeProgress?.Invoke(node, status);
    }

    public void Verbose(string message) => _messages.Enqueue("verbose " + message);

    public void Warning(string message) => _messages.Enqueue("warning " + message);

    public bool ShouldProcess(string target, string action)
    {
        _messages.Enqueue($"should-process {target}: {action}");
        return Answer(target, action);
    }
}
