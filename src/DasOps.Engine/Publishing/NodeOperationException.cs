using System;

namespace DasOps.Engine.Publishing;

/// <summary>A node could not be planned, written or restored. The message names the node and, where known, the file.</summary>
public sealed class NodeOperationException : Exception
{
    public NodeOperationException(string node, NodeFailure failure, string detail, string? file = null)
        : base(detail)
    {
        Node = node;
        Failure = failure;
        Detail = detail;
        File = file;
    }

    public string Node { get; }
    public NodeFailure Failure { get; }
    public string Detail { get; }
    public string? File { get; }

    public override string Message => $"node {Node}: " + (File != null && Detail.IndexOf(File, StringComparison.Ordinal) < 0 ? File + ": " : "") + Detail;

    /// <summary>The error for a command that did not succeed: transport failures keep their kind, others quote stderr.</summary>
    internal static NodeOperationException FromResult(string node, string step, Remote.CommandResult result)
    {
        if (result.HostKeyRejected) return new NodeOperationException(node, NodeFailure.HostKeyRejected, result.StandardError);
        if (result.AuthenticationFailed) return new NodeOperationException(node, NodeFailure.AuthenticationFailed, result.StandardError);
        if (result.Unreachable) return new NodeOperationException(node, NodeFailure.Unreachable, $"unreachable while {step}: {result.StandardError}");
        if (result.TimedOut) return new NodeOperationException(node, NodeFailure.Unreachable, $"{step} {result.StandardError}");
        var said = result.StandardError.Trim();
        return new NodeOperationException(node, NodeFailure.CommandFailed,
            $"{step} failed (exit {result.ExitCode})" + (said.Length > 0 ? ": " + said.Replace("\n", " / ") : ""));
    }
}
