using System;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Remote;

/// <summary>
/// Hands out one shell per node for a run and owns what they share (for OpenSSH: the ControlMaster connections,
/// closed on Dispose). Operations ask it for a node's shell and never dispose the shell themselves.
/// </summary>
public interface IRemoteShellFactory : IDisposable
{
    IStreamingShell ShellFor(NodeSpec node);
}
