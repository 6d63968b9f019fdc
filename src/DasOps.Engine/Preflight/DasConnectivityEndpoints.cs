using System.Collections.Generic;
using System.Linq;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Products.Das;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Preflight;

/// <summary>
/// What a DAS node must reach before it can start: the database, and each member of its Hazelcast cluster on that
/// member's clustering port (localMemberPort) and HTTPS port (9443 + offset). Taken from the same topology the
/// configuration is rendered from, so the check and the files agree.
/// </summary>
public static class DasConnectivityEndpoints
{
    public const string HazelcastService = "hazelcast";

    public static IReadOnlyList<NodeEndpoints> For(ClusterSpec spec, IEnumerable<NodeSpec> nodes)
    {
        var topology = DasProduct.Of(spec).Topology;
        return nodes.Where(topology.IsDasNode).Select(node => new NodeEndpoints(node, Of(spec, topology, node))).ToList();
    }

    private static IReadOnlyList<ConnectivityEndpoint> Of(ClusterSpec spec, DasTopology topology, NodeSpec node)
    {
        var endpoints = new List<ConnectivityEndpoint> { new ConnectivityEndpoint(ConnectivityEndpoints.DatabasePeer, ConnectivityEndpoints.DatabaseService, spec.Database.Host, spec.Database.Port) };
        foreach (var peer in topology.ClusterOf(node).Where(p => p.Name != node.Name))
        {
            endpoints.Add(new ConnectivityEndpoint(peer.Name, HazelcastService, peer.Host, spec.HazelcastPortOf(peer)));
            endpoints.Add(new ConnectivityEndpoint(peer.Name, ConnectivityEndpoints.HttpsService, peer.Host, NodePorts.HttpsOf(spec, peer)));
        }
        return endpoints.Distinct().ToList();
    }
}
