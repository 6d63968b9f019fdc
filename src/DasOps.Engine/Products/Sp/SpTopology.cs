using System.Collections.Generic;
using System.Linq;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Products.Sp;

/// <summary>
/// Who talks to whom in a Stream Processor distributed cluster: the managers every worker heartbeats to, the workers
/// the leader schedules onto, and each node's deployment.yaml settings resolved from the spec.
/// </summary>
public sealed class SpTopology : IProductTopology
{
    private readonly ClusterSpec _spec;

    public SpTopology(ClusterSpec spec) => _spec = spec;

    public IReadOnlyList<NodeSpec> Managers => _spec.NodesWithSpRole(SpNodeRole.Manager).ToList();

    /// <summary>Every resource node: workers and receiver workers.</summary>
    public IReadOnlyList<NodeSpec> Workers =>
        _spec.Nodes.Where(n => n.SpRole is SpNodeRole.Worker or SpNodeRole.ReceiverWorker).ToList();

    /// <summary>Workers that run execution groups: the manager's resource node map (what its API lists).</summary>
    public IReadOnlyList<NodeSpec> ResourceWorkers => _spec.NodesWithSpRole(SpNodeRole.Worker).ToList();

    /// <summary>Receiver workers: the manager keeps them in a separate map that no API of SP 4.4.0 lists.</summary>
    public IReadOnlyList<NodeSpec> ReceiverWorkers => _spec.NodesWithSpRole(SpNodeRole.ReceiverWorker).ToList();

    public IReadOnlyList<NodeSpec> ManagedNodes => _spec.Nodes;

    public bool Manages(NodeSpec node) => true;

    public string? UnmanagedReasonOf(NodeSpec node) => null;

    public string RoleOf(NodeSpec node) => SpRoleOf(node).ToString();

    /// <summary>Managers first, then every worker: a worker that starts with no leader only waits and retries (ground truth §f).</summary>
    public IReadOnlyList<IReadOnlyList<NodeSpec>> StartWavesOf(IEnumerable<NodeSpec> selected)
    {
        var nodes = selected.ToList();
        return new[] { nodes.Where(IsManager).ToList(), nodes.Where(n => !IsManager(n)).ToList() }
            .Where(w => w.Count > 0).Select(w => (IReadOnlyList<NodeSpec>)w).ToList();
    }

    public SpNodeRole SpRoleOf(NodeSpec node) => node.SpRole
        ?? throw new InputException(InputErrorKind.ParameterInvalid, $"node '{node.Name}' has no Stream Processor role (Manager, Worker or ReceiverWorker).", node.Name);

    public bool IsManager(NodeSpec node) => SpRoleOf(node) == SpNodeRole.Manager;

    /// <summary>manager or worker: the folder under conf/ and wso2/, and the launcher bin/&lt;runtime&gt;.sh.</summary>
    public string RuntimeOf(NodeSpec node) => IsManager(node) ? "manager" : "worker";

    /// <summary>The stock msf4j HTTPS port of the node's runtime (the offset does not apply to it, ground truth §f).</summary>
    public int HttpsPortOf(NodeSpec node) => IsManager(node) ? SpPorts.ManagerHttps : SpPorts.WorkerHttps;

    public SpEndpoint HttpsInterfaceOf(NodeSpec node) => new SpEndpoint(node.Host, HttpsPortOf(node));

    /// <summary>The deployment.yaml settings of one node; the password is written into the file (0600) and masked in every diff.</summary>
    public SpNodeSettings SettingsOf(NodeSpec node, string databasePassword)
    {
        var db = _spec.Database;
        var sp = _spec.StreamProcessor;
        SpDatabase Database(string name) => new SpDatabase(db.JdbcUrl(name), db.User, databasePassword, db.DriverClassName);
        SpMessaging? messaging = sp.Kafka is { } kafka
            ? new SpKafkaMessaging(kafka.BootstrapServers.Select(e => e.ToString()).ToList(), kafka.ZooKeeper.Select(e => e.ToString()).ToList())
            : sp.Nats is { } nats && nats.Servers.Count > 0 ? new SpNatsMessaging(nats.Servers[0].NatsUrl, nats.ClusterId) : null;
        var manager = IsManager(node);
        return new SpNodeSettings(
            node.Name,
            ClusterSpec.CarbonIdOf(node),
            SpRoleOf(node),
            HttpsInterfaceOf(node),
            Database(db.Names.ClusterDb),
            Database(db.Names.ManagementDb),
            manager ? messaging : null,
            sp.MinResourceCount,
            sp.HeartbeatIntervalOrDefault,
            sp.HeartbeatMaxRetryOrDefault,
            manager ? null : Managers.Select(HttpsInterfaceOf));
    }
}
