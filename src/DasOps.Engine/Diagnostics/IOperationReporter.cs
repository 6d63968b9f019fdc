namespace DasOps.Engine.Diagnostics;

/// <summary>
/// How the engine talks to its front end while it works: the cmdlets map this to WriteProgress/WriteVerbose/
/// WriteWarning and ShouldProcess, the CLI to its progress lines and --what-if. Never receives a secret.
/// </summary>
public interface IOperationReporter
{
    /// <summary>Overall progress of the operation (the parent progress record).</summary>
    void Progress(string activity, string status, int percent);

    /// <summary>Progress of one node (a child record per node).</summary>
    void NodeProgress(string node, string status, int percent, bool completed = false);

    void Verbose(string message);

    void Warning(string message);

    /// <summary>Asks before a state change; false means skip it (-WhatIf, a declined -Confirm, --what-if).</summary>
    bool ShouldProcess(string target, string action);
}

/// <summary>A reporter that says nothing and lets every change proceed.</summary>
public sealed class SilentReporter : IOperationReporter
{
    public static readonly SilentReporter Instance = new SilentReporter();

    public void Progress(string activity, string status, int percent) { }
    public void NodeProgress(string node, string status, int percent, bool completed = false) { }
    public void Verbose(string message) { }
    public void Warning(string message) { }
    public bool ShouldProcess(string target, string action) => true;
}
