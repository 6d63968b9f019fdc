using System;
using System.Collections.Generic;
using System.Linq;

namespace DasOps.Engine.Spec;

/// <summary>
/// The rules of a Stream Processor distributed spec (seed 004, ground truth §f), and the refusal of keys that belong to
/// the other product. <see cref="SpecValidator"/> calls it; errors go through the same locating callback.
/// </summary>
internal static class StreamProcessorValidator
{
    /// <summary>Seed 004: "The manager cluster contains two or more WSO2 SP instances configured to run in the high availability mode."</summary>
    public const int MinimumManagers = 2;

    /// <summary>
    /// Seed 004: "at least one receiver worker node needs to be available in the resource cluster" so that apps with a
    /// user-defined source (HTTP, Thrift) can be placed.
    /// </summary>
    public const int MinimumReceiverWorkers = 1;

    private static readonly string[] DasNodeKeys = { "portOffset", "hazelcastPort", "sparkSymlink", "redHat", "sparkLocalIp" };
    private static readonly string[] DasSections = { "spark", "cep", "depSync" };
    private static readonly string[] DasDatabaseNames = { "userDb", "regDb", "eventStore", "processedDataStore" };
    private static readonly string[] SpDatabaseNames = { "clusterDb", "managementDb" };

    public static void Validate(ClusterSpec spec, Action<SpecElement, string, string, string> error)
    {
        ValidateNodes(spec, error);
        ValidateCounts(spec, error);
        ValidateMessaging(spec, error);

        var db = spec.Database;
        if (Identifiers.IsHost(db.Host) && !Identifiers.IsInterfaceAddress(db.Host))
            error(db, "host", "NotAnInterfaceAddress", $"database host {db.Host} is not an address the nodes can reach (loopback or wildcard); give the server's own address.");
        foreach (var (key, value) in new[] { ("clusterDb", db.Names.ClusterDb), ("managementDb", db.Names.ManagementDb) })
            SpecValidator.CheckDatabaseName(db.Names, key, value, error);

        foreach (var section in DasSections.Where(spec.HasLocation))
            error(spec, section, "NotForProduct", $"'{section}' configures DAS and IS Analytics; a StreamProcessor spec has none.");
        foreach (var key in DasDatabaseNames.Where(db.Names.HasLocation))
            error(db.Names, key, "NotForProduct", $"database.names.{key} is a DAS database; a StreamProcessor spec names clusterDb and managementDb.");
    }

    /// <summary>On a DAS or IS Analytics spec: refuse what only a Stream Processor spec may hold.</summary>
    public static void RefuseOnOtherProducts(ClusterSpec spec, Action<SpecElement, string, string, string> error)
    {
        if (spec.HasLocation("streamProcessor"))
            error(spec, "streamProcessor", "NotForProduct", $"'streamProcessor' configures a StreamProcessor cluster; this spec's product is {spec.Product}.");
        foreach (var key in SpDatabaseNames.Where(spec.Database.Names.HasLocation))
            error(spec.Database.Names, key, "NotForProduct", $"database.names.{key} is a Stream Processor database; this spec's product is {spec.Product}.");
        foreach (var node in spec.Nodes)
        {
            if (node.SpRoles.Count > 0)
                error(node, "roles", "SpRoleOnDasNode",
                    $"node '{node.Name}' lists {string.Join(", ", node.SpRoles)}, a Stream Processor role; a {spec.Product} node takes {string.Join(", ", Enum.GetNames(typeof(NodeRole)))}.");
            if (node.CarbonId != null)
                error(node, "carbonId", "NotForProduct", $"node '{node.Name}': carbonId is the Stream Processor's wso2.carbon.id; a {spec.Product} node has none.");
        }
    }

    private static void ValidateNodes(ClusterSpec spec, Action<SpecElement, string, string, string> error)
    {
        var seenIds = new Dictionary<string, NodeSpec>(StringComparer.OrdinalIgnoreCase);
        var seenRuntimes = new Dictionary<string, NodeSpec>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in spec.Nodes)
        {
            if (node.Roles.Count > 0)
                error(node, "roles", "DasRoleOnSpNode",
                    $"node '{node.Name}' lists {string.Join(", ", node.Roles)}, a DAS role; a StreamProcessor node is one of {string.Join(", ", Enum.GetNames(typeof(SpNodeRole)))}.");
            else if (node.SpRoles.Count == 0)
                error(node, "name", "NodeWithoutRole", $"node '{node.Name}' has no role; a StreamProcessor node is one of {string.Join(", ", Enum.GetNames(typeof(SpNodeRole)))}.");
            if (node.SpRoles.Distinct().Count() > 1)
                error(node, "roles", "ConflictingProfiles", $"node '{node.Name}' combines {string.Join(" and ", node.SpRoles.Distinct())}; a Stream Processor node runs one runtime (manager or worker).");
            foreach (var key in DasNodeKeys.Where(node.HasLocation))
                error(node, key, "NotForProduct", $"node '{node.Name}': '{key}' configures a DAS node; a StreamProcessor node has none.");

            var id = ClusterSpec.CarbonIdOf(node);
            var idKey = node.CarbonId != null ? "carbonId" : "name";
            if (!Identifiers.IsCarbonId(id))
                error(node, idKey, "InvalidCarbonId", $"node '{node.Name}': carbon id '{id}' must start with a letter or digit and hold only letters, digits, '.', '_' or '-' (at most 64).");
            else if (seenIds.TryGetValue(id, out var first))
                error(node, idKey, "DuplicateCarbonId",
                    $"nodes '{first.Name}' and '{node.Name}' share wso2.carbon.id '{id}'; a manager REJECTS a second node heartbeating with an id it knows from another address.");
            else seenIds[id] = node;

            if (Identifiers.IsHost(node.Host) && !Identifiers.IsInterfaceAddress(node.Host))
                error(node, "host", "NotAnInterfaceAddress",
                    $"node '{node.Name}': host {node.Host} is not an address other nodes can reach (loopback or wildcard); it becomes httpsInterface, which the managers and workers call.");

            // Managers listen on 9543, workers on 9443: two of one runtime on a host collide.
            if (node.SpRole is { } role && Identifiers.IsHost(node.Host))
            {
                var runtime = role == SpNodeRole.Manager ? "manager" : "worker";
                if (seenRuntimes.TryGetValue(node.Host + "/" + runtime, out var other))
                    error(node, "host", "DuplicateHostAndRuntime", $"nodes '{other.Name}' and '{node.Name}' both run the {runtime} runtime on {node.Host}; their ports would collide.");
                else seenRuntimes[node.Host + "/" + runtime] = node;
            }
        }
    }

    private static void ValidateCounts(ClusterSpec spec, Action<SpecElement, string, string, string> error)
    {
        var sp = spec.StreamProcessor;
        var managers = spec.Nodes.Count(n => n.SpRole == SpNodeRole.Manager);
        var workers = spec.Nodes.Count(n => n.SpRole == SpNodeRole.Worker);
        var receivers = spec.Nodes.Count(n => n.SpRole == SpNodeRole.ReceiverWorker);
        if (managers < MinimumManagers)
            error(spec, "nodes", "ManagersBelowMinimum",
                $"the distributed pattern needs at least {MinimumManagers} Manager nodes (seed 004: the manager cluster runs in high availability); this spec has {managers}.");
        if (receivers < MinimumReceiverWorkers)
            error(spec, "nodes", "ReceiverWorkersBelowMinimum",
                $"the distributed pattern needs at least {MinimumReceiverWorkers} ReceiverWorker node (seed 004: apps with an HTTP or Thrift source deploy only on a receiver worker); this spec has {receivers}.");

        // Pointing at the key when it is written, else at the node list, which is then what to change.
        var (at, key) = sp.HasLocation("minResourceCount") ? ((SpecElement)sp, "minResourceCount") : (spec, "nodes");
        if (sp.MinResourceCount < 1)
            error(at, key, "MinResourceCountOutOfRange", $"streamProcessor.minResourceCount must be at least 1, not {sp.MinResourceCount}.");
        else if (sp.MinResourceCount > workers)
            error(at, key, "MinResourceCountAboveWorkers",
                $"streamProcessor.minResourceCount is {sp.MinResourceCount} but the cluster has {workers} Worker node(s); the leader would hold every app back in waiting mode (receiver workers are not counted).");
        if (sp.HeartbeatInterval is { } interval && interval < 1)
            error(sp, "heartbeatInterval", "HeartbeatOutOfRange", $"streamProcessor.heartbeatInterval is milliseconds and must be at least 1, not {interval}.");
        if (sp.HeartbeatMaxRetry is { } retry && retry < 1)
            error(sp, "heartbeatMaxRetry", "HeartbeatOutOfRange", $"streamProcessor.heartbeatMaxRetry must be at least 1, not {retry}.");
    }

    private static void ValidateMessaging(ClusterSpec spec, Action<SpecElement, string, string, string> error)
    {
        var sp = spec.StreamProcessor;
        var (section, sectionKey) = spec.HasLocation("streamProcessor") ? (spec, "streamProcessor") : (spec, "product");
        if (sp.Kafka == null && sp.Nats == null)
            error(section, sectionKey, "NoMessaging", "a StreamProcessor cluster needs a messaging layer: streamProcessor.kafka (bootstrapServers, zooKeeper) or streamProcessor.nats (servers).");
        if (sp.Kafka != null && sp.Nats != null)
            error(sp, "nats", "ConflictingMessaging", "streamProcessor sets both kafka and nats; the manager uses one messaging layer.");

        if (sp.Kafka is { } kafka)
        {
            if (kafka.BootstrapServers.Count == 0 && !kafka.BootstrapServersMalformed)
                error(kafka, "bootstrapServers", "KafkaWithoutBootstrapServers", "streamProcessor.kafka needs bootstrapServers (host:port of the Kafka brokers).");
            if (kafka.ZooKeeper.Count == 0 && !kafka.ZooKeeperMalformed)
                error(kafka, "zooKeeper", "KafkaWithoutZooKeeper", "streamProcessor.kafka needs zooKeeper (host:port of the ZooKeeper ensemble Kafka uses).");
            CheckEndpoints(kafka.BootstrapServers, "kafka.bootstrapServers", error);
            CheckEndpoints(kafka.ZooKeeper, "kafka.zooKeeper", error);
        }
        if (sp.Nats is { } nats)
        {
            if (nats.Servers.Count == 0 && !nats.ServersMalformed)
                error(nats, "servers", "NatsWithoutServer", "streamProcessor.nats needs servers (nats://host:port).");
            CheckEndpoints(nats.Servers, "nats.servers", error);
            if (!Identifiers.IsNatsClusterId(nats.ClusterId))
                error(nats, "clusterId", "InvalidNatsClusterId", $"streamProcessor.nats.clusterId '{nats.ClusterId}' must be letters, digits, '_' or '-' (at most 64).");
        }
    }

    private static void CheckEndpoints(IEnumerable<Endpoint> endpoints, string what, Action<SpecElement, string, string, string> error)
    {
        foreach (var endpoint in endpoints)
        {
            if (!Identifiers.IsHost(endpoint.Host))
                error(endpoint, "", "InvalidHostName", $"{what}: '{endpoint.Host}' is not a valid host name or IP address.");
            else if (!Identifiers.IsInterfaceAddress(endpoint.Host))
                error(endpoint, "", "NotAnInterfaceAddress", $"{what}: {endpoint.Host} is not an address the nodes can reach (loopback or wildcard); every node would call itself.");
            if (endpoint.Port < 1 || endpoint.Port > 65535)
                error(endpoint, "", "PortOutOfRange", $"{what}: port {endpoint.Port} is not a TCP port.");
        }
    }
}
