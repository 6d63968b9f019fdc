using System;
using System.Collections.Generic;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Preflight;

/// <summary>
/// One TCP endpoint a node must reach: who answers there (a peer node's name, "database", a Kafka broker), what for
/// ("https", "hazelcast", "kafka", ...) and where. Products build lists of these; the checker knows nothing else.
/// </summary>
public sealed class ConnectivityEndpoint : IEquatable<ConnectivityEndpoint>
{
    public ConnectivityEndpoint(string peer, string service, string host, int port)
    {
        if (string.IsNullOrWhiteSpace(peer)) throw new ArgumentException("an endpoint needs a peer name", nameof(peer));
        if (string.IsNullOrWhiteSpace(service)) throw new ArgumentException("an endpoint needs a service name", nameof(service));
        if (string.IsNullOrWhiteSpace(host)) throw new ArgumentException($"endpoint {peer} {service} has no host", nameof(host));
        if (port < 1 || port > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, $"endpoint {peer} {service}: port must be 1..65535");
        Peer = peer;
        Service = service;
        Host = host;
        Port = port;
    }

    public string Peer { get; }

    public string Service { get; }

    public string Host { get; }

    public int Port { get; }

    /// <summary>host:port, with an IPv6 address in brackets.</summary>
    public string Address => (Host.IndexOf(':') >= 0 ? "[" + Host + "]" : Host) + ":" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool Equals(ConnectivityEndpoint? other) =>
        other != null && Peer == other.Peer && Service == other.Service && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase) && Port == other.Port;

    public override bool Equals(object? obj) => Equals(obj as ConnectivityEndpoint);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Host) ^ Port ^ Peer.GetHashCode() ^ Service.GetHashCode();

    public override string ToString() => $"{Peer} {Service} {Address}";
}

/// <summary>The endpoints one node must reach, in the order they are reported.</summary>
public sealed class NodeEndpoints
{
    public NodeEndpoints(NodeSpec node, IReadOnlyList<ConnectivityEndpoint> endpoints)
    {
        Node = node ?? throw new ArgumentNullException(nameof(node));
        Endpoints = endpoints ?? throw new ArgumentNullException(nameof(endpoints));
    }

    public NodeSpec Node { get; }

    public IReadOnlyList<ConnectivityEndpoint> Endpoints { get; }
}
