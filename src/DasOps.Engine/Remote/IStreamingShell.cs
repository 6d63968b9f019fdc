namespace DasOps.Engine.Remote;

/// <summary>
/// A shell that can also start a command and talk to it while it runs: read its output line by line and decide
/// when its input ends. The node lock is such a command: it holds the lock for exactly as long as it lives.
/// </summary>
public interface IStreamingShell : IRemoteShell
{
    /// <summary>Starts the command; its stdin stays open until <see cref="RunningCommand.FinishAsync"/>.</summary>
    RunningCommand Start(RemoteCommand command);
}
