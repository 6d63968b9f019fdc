using System.Collections.Generic;
using System.Linq;
using DasOps.Engine.Products.Sp;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Preflight;

/// <summary>
/// What a Stream Processor node must reach: the database from every node; from a manager, the Kafka bootstrap servers
/// and ZooKeeper (or the NATS servers) and the other managers' and the workers' HTTPS (the leader pushes partial apps
/// to the workers); from a worker, every manager's HTTPS (its heartbeats). Taken from the topology the
/// deployment.yaml files are rendered from.
/// </summary>
public static class SpConnectivityEndpoints
{
    public const string KafkaService = "kafka";
    public const string ZooKeeperService = "zookeeper";
    public const string NatsService = "nats";

    public static IReadOnlyList<NodeEndpoints> For(ClusterSpec spec, IEnumerable<NodeSpec> nodes)
    {
        var topology = new SpProduct(spec).Topology;
        return nodes.Select(node => new NodeEndpoints(node, Of(spec, topology, node))).ToList();
    }

    private static IReadOnlyList<ConnectivityEndpoint> Of(ClusterSpec spec, SpTopology topology, NodeSpec node)
    {
        var endpoints = new List<ConnectivityEndpoint>
        {
            new ConnectivityEndpoint(ConnectivityEndpoints.DatabasePeer, ConnectivityEndpoints.DatabaseService, spec.Database.Host, spec.Database.Port),
        };
        var peers = topology.IsManager(node) ? spec.Nodes : topology.Managers;
        if (topology.IsManager(node))
        {
            var sp = spec.StreamProcessor;
            Add(endpoints, KafkaService, sp.Kafka?.BootstrapServers);
            Add(endpoints, ZooKeeperService, sp.Kafka?.ZooKeeper);
            Add(endpoints, NatsService, sp.Nats?.Servers);
        }
        foreach (var peer in peers.Where(p => p.Name != node.Name))
            endpoints.Add(new ConnectivityEndpoint(peer.Name, ConnectivityEndpoints.HttpsService, peer.Host, topology.HttpsPortOf(peer)));
        return endpoints.Distinct().ToList();
    }

    /// <summary>Messaging servers are named by their service: kafka, or kafka1, kafka2 … when there are several.</summary>
    private static void Add(List<ConnectivityEndpoint> endpoints, string service, List<Endpoint>? servers)
    {
        if (servers == null) return;
        for (var i = 0; i < servers.Count; i++)
            endpoints.Add(new ConnectivityEndpoint(servers.Count == 1 ? service : service + (i + 1), service, servers[i].Host, servers[i].Port));
    }
}
