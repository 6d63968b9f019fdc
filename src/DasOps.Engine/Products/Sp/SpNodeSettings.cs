using System;
using System.Collections.Generic;
using System.Linq;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Products.Sp;

/// <summary>The stock SP 4.4.0 HTTPS (msf4j) ports: the offset does not apply to them (ground truth §f).</summary>
public static class SpPorts
{
    public const int ManagerHttps = 9543;
    public const int WorkerHttps = 9443;
}

/// <summary>A host and port, as deployment.yaml's <c>httpsInterface</c> and <c>resourceManagers</c> entries hold them.</summary>
public sealed class SpEndpoint
{
    public SpEndpoint(string host, int port)
    {
        Host = host;
        Port = port;
    }

    public string Host { get; }

    public int Port { get; }

    public override string ToString() => Host + ":" + Port;
}

/// <summary>
/// A MySQL database a datasource points at. <see cref="PasswordReference"/> is written as it is: the caller gives a
/// secure-vault reference or the value it took from a PSCredential, and nothing here prints it.
/// </summary>
public sealed class SpDatabase
{
    public SpDatabase(string jdbcUrl, string username, string passwordReference, string driverClassName)
    {
        JdbcUrl = jdbcUrl;
        Username = username;
        PasswordReference = passwordReference;
        DriverClassName = driverClassName;
    }

    public string JdbcUrl { get; }

    public string Username { get; }

    public string PasswordReference { get; }

    /// <summary>For example <c>com.mysql.jdbc.Driver</c> (Connector/J 5.1) or <c>com.mysql.cj.jdbc.Driver</c> (8.x).</summary>
    public string DriverClassName { get; }
}

/// <summary>The user and password a worker gives the managers' REST API (the bean's default is admin/admin).</summary>
public sealed class SpApiCredentials
{
    public SpApiCredentials(string username, string passwordReference)
    {
        Username = username;
        PasswordReference = passwordReference;
    }

    public string Username { get; }

    public string PasswordReference { get; }
}

/// <summary>The messaging layer the managers wire partial apps through: Kafka (with ZooKeeper) or NATS streaming.</summary>
public abstract class SpMessaging
{
    private protected SpMessaging()
    {
    }
}

/// <summary>Kafka: <c>bootstrapURLs</c> and <c>zooKeeperConfig/zooKeeperURLs</c>, each a comma-separated host:port list.</summary>
public sealed class SpKafkaMessaging : SpMessaging
{
    public SpKafkaMessaging(IReadOnlyList<string> bootstrapServers, IReadOnlyList<string> zooKeeperServers)
    {
        BootstrapServers = bootstrapServers;
        ZooKeeperServers = zooKeeperServers;
    }

    public IReadOnlyList<string> BootstrapServers { get; }

    public IReadOnlyList<string> ZooKeeperServers { get; }
}

/// <summary>NATS streaming: <c>natsServerUrl</c> (nats://host:port) and the streaming <c>clusterId</c>.</summary>
public sealed class SpNatsMessaging : SpMessaging
{
    public SpNatsMessaging(string serverUrl, string clusterId)
    {
        ServerUrl = serverUrl;
        ClusterId = clusterId;
    }

    public string ServerUrl { get; }

    public string ClusterId { get; }
}

/// <summary>
/// Everything one node's <c>conf/&lt;runtime&gt;/deployment.yaml</c> needs, already resolved from the spec: the spec maps onto
/// this, so the edits know nothing of spec files. Checked by <see cref="SpDeploymentYaml.Validate"/>.
/// </summary>
public sealed class SpNodeSettings
{
    public SpNodeSettings(
        string nodeName,
        string carbonId,
        SpNodeRole role,
        SpEndpoint httpsInterface,
        SpDatabase clusterDatabase,
        SpDatabase managementDatabase,
        SpMessaging? messaging = null,
        int minResourceCount = 1,
        int heartbeatIntervalMs = 2000,
        int heartbeatMaxRetry = 2,
        IEnumerable<SpEndpoint>? resourceManagers = null,
        SpApiCredentials? managerApiCredentials = null)
    {
        NodeName = nodeName;
        CarbonId = carbonId;
        Role = role;
        HttpsInterface = httpsInterface;
        ClusterDatabase = clusterDatabase;
        ManagementDatabase = managementDatabase;
        Messaging = messaging;
        MinResourceCount = minResourceCount;
        HeartbeatIntervalMs = heartbeatIntervalMs;
        HeartbeatMaxRetry = heartbeatMaxRetry;
        ResourceManagers = (resourceManagers ?? Enumerable.Empty<SpEndpoint>()).ToList();
        ManagerApiCredentials = managerApiCredentials;
    }

    /// <summary>The node's name in the spec, for error messages.</summary>
    public string NodeName { get; }

    /// <summary><c>wso2.carbon: id</c>; distinct per node, or the managers REJECT the second one heartbeating.</summary>
    public string CarbonId { get; }

    public SpNodeRole Role { get; }

    public bool IsManager => Role == SpNodeRole.Manager;

    public bool IsReceiverNode => Role == SpNodeRole.ReceiverWorker;

    /// <summary>The node's own address and HTTPS port, which its peers reach it on (never localhost in a cluster).</summary>
    public SpEndpoint HttpsInterface { get; }

    /// <summary>Where <c>WSO2_CLUSTER_DB</c> points (the workers' stock datasource).</summary>
    public SpDatabase ClusterDatabase { get; }

    /// <summary>Where <c>SP_MGT_DB</c> points (the managers' coordination and resource-pool datasource).</summary>
    public SpDatabase ManagementDatabase { get; }

    /// <summary>Managers only: Kafka or NATS.</summary>
    public SpMessaging? Messaging { get; }

    /// <summary>Managers only: how many workers must exist before a distributed app is deployed.</summary>
    public int MinResourceCount { get; }

    /// <summary>Managers only: the resource-pool heartbeat interval (ms) the leader gives its workers.</summary>
    public int HeartbeatIntervalMs { get; }

    /// <summary>Managers only: missed heartbeats before a worker leaves the pool (and before a worker gives up its apps).</summary>
    public int HeartbeatMaxRetry { get; }

    /// <summary>Workers only: every manager's address and HTTPS port, in the order the worker tries them.</summary>
    public IReadOnlyList<SpEndpoint> ResourceManagers { get; }

    /// <summary>Workers only, optional: written into <c>httpsInterface</c> and each <c>resourceManagers</c> entry.</summary>
    public SpApiCredentials? ManagerApiCredentials { get; }

    /// <summary>The runtime folder under <c>conf/</c> and <c>wso2/</c>: manager or worker.</summary>
    public string Runtime => IsManager ? "manager" : "worker";
}
