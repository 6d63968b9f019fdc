using System;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Remote;

namespace DasOps.Engine.Publishing;

/// <summary>
/// The lock a run holds on a node (HOME/.dasops/lock) from before it reads until after it writes. It is a kernel
/// lock (flock) held by a command that lives exactly as long as the run's session with the node, so it is released
/// when the run ends, crashes or loses the node: there are no stale locks to clean up. The lock file records who
/// holds it (user@controller, pid, since when), which a second run quotes in its error.
/// </summary>
internal sealed class NodeLock
{
    private static readonly TimeSpan AcquireTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(10);

    private readonly RunningCommand _holder;

    private NodeLock(RunningCommand holder, string? broken)
    {
        _holder = holder;
        BrokenHolder = broken;
    }

    /// <summary>The holder whose run --break-lock ended to take this lock, or null.</summary>
    public string? BrokenHolder { get; }

    public static async Task<NodeLock> AcquireAsync(IStreamingShell shell, string home, string holder, bool breakLock, CancellationToken cancellationToken)
    {
        var command = RemoteCommand.Script(RemoteScripts.LockHolder, new[] { home, holder, breakLock ? "1" : "0" }, description: "lock the node");
        var running = shell.Start(command);
        var holding = false;
        try
        {
            var line = await running.ReadLineAsync(AcquireTimeout, cancellationToken).ConfigureAwait(false);
            string? broken = null;
            if (line != null && line.StartsWith("BROKE ", StringComparison.Ordinal))
            {
                broken = line.Substring(6);
                line = await running.ReadLineAsync(AcquireTimeout, cancellationToken).ConfigureAwait(false);
            }
            if (line == "LOCKED")
            {
                holding = true;
                return new NodeLock(running, broken);
            }

            // Not LOCKED: the holder script has said its last and exits by itself.
            var result = await running.FinishAsync(ReleaseTimeout, endsByItself: true).ConfigureAwait(false);
            if (line != null && line.StartsWith("HELD ", StringComparison.Ordinal))
                throw new NodeOperationException(shell.Node, NodeFailure.Locked,
                    $"locked by another DasOps run: {line.Substring(5)} ({home}/.dasops/lock). The lock is released when that run ends; " +
                    "if that run hangs, stop it, or re-run with --break-lock (-BreakLock) to end it.");
            throw NodeOperationException.FromResult(shell.Node, "taking the node's lock", result);
        }
        catch (TimeoutException e)
        {
            throw new NodeOperationException(shell.Node, NodeFailure.Unreachable, "taking the node's lock: " + e.Message);
        }
        finally
        {
            if (!holding) running.Dispose();
        }
    }

    /// <summary>Ends the holding command (closing its stdin); the node drops the lock as it exits.</summary>
    public async Task ReleaseAsync()
    {
        try
        {
            await _holder.FinishAsync(ReleaseTimeout).ConfigureAwait(false);
        }
        finally
        {
            _holder.Dispose();
        }
    }
}
