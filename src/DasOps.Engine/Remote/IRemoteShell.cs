using System;
using System.Threading;
using System.Threading.Tasks;

namespace DasOps.Engine.Remote;

/// <summary>
/// Runs commands on one node. The OpenSSH implementation keeps one multiplexed connection per node for the run;
/// the local implementation runs on this machine (used for `--local` database work and tests).
/// </summary>
public interface IRemoteShell : IDisposable
{
    /// <summary>The node name, for messages.</summary>
    string Node { get; }

    Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken);
}
