using System.Collections.Generic;
using DasOps.Engine.Diagnostics;

namespace DasOps.Database.Tests;

/// <summary>Keeps every message the engine reports, so tests can check none holds a secret.</summary>
public sealed class RecordingReporter : IOperationReporter
{
    public List<string> Messages { get; } = new List<string>();
    public bool Allow { get; set; } = true;

    public void Progress(string activity, string status, int percent) => Messages.Add(activity + ": " + status);
    public void NodeProgress(string node, string status, int percent, bool completed = false) => Messages.Add(node + ": " + status);
    public void Verbose(string message) => Messages.Add(message);
    public void Warning(string message) => Messages.Add("WARNING: " + message);

    public bool ShouldProcess(string target, string action)
    {
        Messages.Add($"ShouldProcess {target}: {action}");
        return Allow;
    }
}
