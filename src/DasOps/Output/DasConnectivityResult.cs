using DasOps.Engine.Preflight;

namespace DasOps;

/// <summary>
/// What Test-DasCluster -Connectivity found for one endpoint from one node: whether the node's SSH server could open
/// a TCP connection to it, and if not, why. Failures are also error records (DasEndpointUnreachable).
/// </summary>
public sealed class DasConnectivityResult
{
    internal DasConnectivityResult(DasCluster cluster, ConnectivityResult result)
    {
        Cluster = cluster;
        Node = result.Node;
        Peer = result.Endpoint.Peer;
        Service = result.Endpoint.Service;
        Host = result.Endpoint.Host;
        Port = result.Endpoint.Port;
        Address = result.Endpoint.Address;
        Reached = result.Reached;
        Outcome = result.Outcome.ToString();
        Milliseconds = result.Milliseconds;
        Detail = result.Detail;
        Message = result.Message;
    }

    public DasCluster Cluster { get; }

    /// <summary>The node the connection was opened from.</summary>
    public string Node { get; }

    /// <summary>Who answers at the endpoint: a node's name, or "database".</summary>
    public string Peer { get; }

    /// <summary>What the endpoint is for: mysql, hazelcast, https (and for SP: kafka, zookeeper, nats).</summary>
    public string Service { get; }

    public string Host { get; }

    public int Port { get; }

    /// <summary>host:port.</summary>
    public string Address { get; }

    public bool Reached { get; }

    /// <summary>Reached, Unreachable (the node could not connect, or no answer in time) or NodeUnreachable (no SSH to the node).</summary>
    public string Outcome { get; }

    public long Milliseconds { get; }

    /// <summary>Empty when reached; otherwise what the node's SSH server or the wait said.</summary>
    public string Detail { get; }

    /// <summary>One sentence naming node, peer, service and address.</summary>
    public string Message { get; }

    public override string ToString() => Message;
}
