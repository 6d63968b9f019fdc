using System;
using System.Runtime.ExceptionServices;
using DasOps.Engine.Config;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Lifecycle;

namespace DasOps.Engine.Publishing;

/// <summary>
/// What went wrong on one node, as every per-node operation reports it: the one mapping from an exception to a
/// message that names the node and a <see cref="NodeFailure"/> kind, so publish, restore, lifecycle and status agree.
/// </summary>
public sealed class NodeFault
{
    private NodeFault(string node, Exception exception, string message, NodeFailure failure, TimeSpan elapsed)
    {
        Node = node;
        Exception = exception;
        Message = message;
        Failure = failure;
        Elapsed = elapsed;
    }

    public string Node { get; }
    public Exception Exception { get; }
    public string Message { get; }
    public NodeFailure Failure { get; }
    public TimeSpan Elapsed { get; }

    /// <summary>A lifecycle failure (the node answered wrongly or not at all), as opposed to a fault of DasOps or the caller.</summary>
    public bool IsLifecycle => Exception is LifecycleException;

    public static NodeFault Of(string node, Exception e, TimeSpan elapsed)
    {
        var (message, failure) = e switch
        {
            NodeOperationException n => (n.Message, n.Failure),
            ConfigEditException c => (c.Node != null ? c.Message : $"node {node}: {c.Message}", NodeFailure.Configuration),
            InputException s => ($"node {node}: {s.Message}", NodeFailure.Configuration),
            // Lifecycle messages already start with the node's name.
            NodeUnreachableException u => (u.Message, NodeFailure.Unreachable),
            LifecycleException l => (l.Message, NodeFailure.CommandFailed),
            OperationCanceledException _ => ($"node {node}: cancelled", NodeFailure.Cancelled),
            _ => ($"node {node}: {e.Message}", NodeFailure.CommandFailed),
        };
        return new NodeFault(node, e, message, failure, elapsed);
    }

    /// <summary>
    /// For operations where only some faults are a node's result (lifecycle: a node that fails to start) and the rest
    /// must still end the run (cancellation): throws the original exception with its stack.
    /// </summary>
    public T Rethrow<T>()
    {
        ExceptionDispatchInfo.Capture(Exception).Throw();
        throw Exception; // not reached: Throw() always throws
    }
}
