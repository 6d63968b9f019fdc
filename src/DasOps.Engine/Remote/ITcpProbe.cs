using System;
using System.Threading;
using System.Threading.Tasks;

namespace DasOps.Engine.Remote;

/// <summary>
/// A shell that can ask the node's SSH server to open a TCP connection to <c>host:port</c> (a direct-tcpip channel on
/// the node's connection) and say whether it was opened: the node needs no program of its own (no nc, no bash
/// /dev/tcp), and the connection leaves from the node's address, as the product's own would.
/// </summary>
public interface ITcpProbe
{
    /// <summary>Opens and closes one connection from the node; never throws for an endpoint that does not answer.</summary>
    /// <exception cref="TcpProbeNodeException">The node itself could not be reached over SSH.</exception>
    Task<TcpProbeResult> ProbeAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>Whether the node's SSH server connected to the endpoint, and if not, what it or the wait said.</summary>
public sealed class TcpProbeResult
{
    public TcpProbeResult(bool reached, string detail)
    {
        Reached = reached;
        Detail = detail;
    }

    public bool Reached { get; }

    /// <summary>Empty when reached; otherwise why not (refused by the node's SSH server, or no answer within the timeout).</summary>
    public string Detail { get; }

    public static TcpProbeResult Open { get; } = new TcpProbeResult(true, "");

    public static TcpProbeResult NoAnswer(TimeSpan timeout) =>
        new TcpProbeResult(false, $"no answer within {timeout.TotalSeconds:0.#} s");
}

/// <summary>The node's own SSH connection failed, so nothing could be probed from it.</summary>
public sealed class TcpProbeNodeException : Exception
{
    public TcpProbeNodeException(string message, bool hostKeyRejected = false, Exception? inner = null) : base(message, inner) =>
        HostKeyRejected = hostKeyRejected;

    public bool HostKeyRejected { get; }
}
