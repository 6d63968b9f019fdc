using DasOps.Engine.Diagnostics;

namespace DasOps.Internal;

/// <summary>
/// Passes progress, verbose and warnings on, and answers every ShouldProcess yes: for the steps of an operation the
/// user already approved as a whole (the failover drill asks once before it stops nodes; its stops and restarts are
/// part of that answer, as in `dasops test-ha --failover`).
/// </summary>
internal sealed class ApprovedReporter : IOperationReporter
{
    private readonly IOperationReporter _inner;

    public ApprovedReporter(IOperationReporter inner) => _inner = inner;

    public void Progress(string activity, string status, int percent) => _inner.Progress(activity, status, percent);

    public void NodeProgress(string node, string status, int percent, bool completed = false) => _inner.NodeProgress(node, status, percent, completed);

    public void Verbose(string message) => _inner.Verbose(message);

    public void Warning(string message) => _inner.Warning(message);

    public bool ShouldProcess(string target, string action) => true;
}
