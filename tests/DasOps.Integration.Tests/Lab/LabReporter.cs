using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using DasOps.Engine.Diagnostics;

namespace DasOps.Integration.Tests.Lab;

/// <summary>Keeps every message the engine reports and lets a test act (synchronously) when a node reaches a step.</summary>
public sealed class LabReporter : IOperationReporter
{
    private readonly ConcurrentQueue<string> _messages = new ConcurrentQueue<string>();

    public Action<string, string>? OnNodeProgress { get; set; }

    public IReadOnlyList<string> Messages => _messages.ToList();

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
        return true;
    }
}
