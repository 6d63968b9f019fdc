using System;
using System.Threading;
using System.Threading.Tasks;

namespace DasOps.Engine.Remote;

/// <summary>
/// A shell that can carry a TCP connection to <c>host:port</c> as the node reaches it: a port on this machine's
/// loopback whose connections the node's SSH server opens onwards. A server therefore sees them coming from the
/// node's address, which is what grants for <c>user@node</c> need. Both transports implement it the same way.
/// </summary>
public interface IPortForwarding
{
    /// <summary>Opens 127.0.0.1:(ephemeral port) forwarded to <paramref name="host"/>:<paramref name="port"/> from the node; dispose closes it.</summary>
    /// <exception cref="PortForwardException">The node cannot be reached, or refuses to forward.</exception>
    Task<ILocalForward> ForwardAsync(string host, int port, CancellationToken cancellationToken);
}

/// <summary>An open forward: connect to <see cref="LocalHost"/>:<see cref="LocalPort"/> for as long as it is not disposed.</summary>
public interface ILocalForward : IDisposable
{
    string LocalHost { get; }

    int LocalPort { get; }

    /// <summary>What went wrong on the node's side of a connection (the SSH server could not reach the target), if anything yet.</summary>
    string? LastError { get; }
}

/// <summary>Why a forward could not be opened, worded for the operator (the node and what its SSH server said).</summary>
public sealed class PortForwardException : Exception
{
    public PortForwardException(string message, bool hostKeyRejected = false, Exception? inner = null) : base(message, inner) => HostKeyRejected = hostKeyRejected;

    public bool HostKeyRejected { get; }
}
