namespace DasOps.Engine.Preflight;

/// <summary>One endpoint as seen from one node: reached or not, why not, and how long the answer took.</summary>
public sealed class ConnectivityResult
{
    public ConnectivityResult(string node, string nodeHost, ConnectivityEndpoint endpoint, ConnectivityOutcome outcome, string detail, long milliseconds)
    {
        Node = node;
        NodeHost = nodeHost;
        Endpoint = endpoint;
        Outcome = outcome;
        Detail = detail;
        Milliseconds = milliseconds;
    }

    public string Node { get; }

    public string NodeHost { get; }

    public ConnectivityEndpoint Endpoint { get; }

    public ConnectivityOutcome Outcome { get; }

    public bool Reached => Outcome == ConnectivityOutcome.Reached;

    /// <summary>Empty when reached; otherwise what the node's SSH server or the wait said.</summary>
    public string Detail { get; }

    public long Milliseconds { get; }

    /// <summary>The sentence for a failure: node, peer, service and host:port, then the reason.</summary>
    public string Message => Outcome switch
    {
        ConnectivityOutcome.Reached => $"{Node} reaches {Endpoint.Peer} ({Endpoint.Service}) at {Endpoint.Address}.",
        ConnectivityOutcome.NodeUnreachable => $"{Node} could not be reached over SSH, so {Endpoint.Peer} ({Endpoint.Service}) at {Endpoint.Address} was not checked: {Detail}",
        _ => $"{Node} cannot reach {Endpoint.Peer} ({Endpoint.Service}) at {Endpoint.Address}: {Detail}",
    };
}

public enum ConnectivityOutcome
{
    Reached,

    /// <summary>The node's SSH server could not connect to the endpoint, or no answer came within the timeout.</summary>
    Unreachable,

    /// <summary>The node itself could not be reached over SSH; nothing was checked from it.</summary>
    NodeUnreachable,
}
