using System.Collections.Generic;

namespace DasOps.Engine.Spec;

/// <summary>
/// The spec's <c>streamProcessor:</c> section (seed 004): the manager's <c>deployment.config</c> values and the
/// messaging layer. Present (empty) on every spec; only a StreamProcessor spec may write it.
/// </summary>
public sealed class StreamProcessorSpec : SpecElement
{
    /// <summary>deployment.config.heartbeatInterval in the stock conf/manager/deployment.yaml (the bean's own default is 10000).</summary>
    public const int StockHeartbeatInterval = 2000;

    /// <summary>deployment.config.heartbeatMaxRetry in the stock manager file and the bean.</summary>
    public const int StockHeartbeatMaxRetry = 2;

    /// <summary>deployment.config.minResourceCount in the stock manager file and the bean.</summary>
    public const int DefaultMinResourceCount = 1;

    /// <summary>
    /// Workers that must be registered before the leader deploys an app (otherwise it is "held back in waiting mode").
    /// Validation holds it to 1..the number of <see cref="SpNodeRole.Worker"/> nodes.
    /// </summary>
    public int MinResourceCount { get; set; } = DefaultMinResourceCount;

    /// <summary>Milliseconds between worker heartbeats; null leaves the stock file's value (<see cref="StockHeartbeatInterval"/>).</summary>
    public int? HeartbeatInterval { get; set; }

    /// <summary>Missed heartbeats before a worker is removed; null leaves the stock file's value (<see cref="StockHeartbeatMaxRetry"/>).</summary>
    public int? HeartbeatMaxRetry { get; set; }

    public int HeartbeatIntervalOrDefault => HeartbeatInterval ?? StockHeartbeatInterval;
    public int HeartbeatMaxRetryOrDefault => HeartbeatMaxRetry ?? StockHeartbeatMaxRetry;

    /// <summary>Kafka as the messaging layer (bootstrapURLs, zooKeeperURLs); exactly one of Kafka and Nats is set.</summary>
    public KafkaSpec? Kafka { get; set; }

    /// <summary>NATS Streaming as the messaging layer; exactly one of Kafka and Nats is set.</summary>
    public NatsSpec? Nats { get; set; }
}

/// <summary><c>streamProcessor.kafka:</c> the Kafka brokers and the ZooKeeper ensemble Kafka needs.</summary>
public sealed class KafkaSpec : SpecElement
{
    public const int DefaultBootstrapPort = 9092;
    public const int DefaultZooKeeperPort = 2181;

    /// <summary>deployment.config.bootstrapURLs, host:port each.</summary>
    public List<Endpoint> BootstrapServers { get; set; } = new List<Endpoint>();

    /// <summary>deployment.config.zooKeeperConfig.zooKeeperURLs, host:port each.</summary>
    public List<Endpoint> ZooKeeper { get; set; } = new List<Endpoint>();

    /// <summary>
    /// The Kafka client jars (files, or directories whose *.jar are taken), relative to the spec file. Each becomes an
    /// OSGi bundle in &lt;SP_HOME&gt;/lib through the node's own bin/jartobundle.sh, as seed 004 prescribes.
    /// </summary>
    public List<SpecPath> ClientJars { get; set; } = new List<SpecPath>();

    // Set by the loader when an entry was refused, so an all-malformed list is not reported a second time as missing.
    internal bool BootstrapServersMalformed { get; set; }
    internal bool ZooKeeperMalformed { get; set; }
}

/// <summary><c>streamProcessor.nats:</c> the NATS Streaming servers and their cluster id.</summary>
public sealed class NatsSpec : SpecElement
{
    public const int DefaultPort = 4222;

    /// <summary>The NATS Streaming server's own default cluster id.</summary>
    public const string DefaultClusterId = "test-cluster";

    /// <summary>The servers, written <c>nats://host:port</c> in the spec (<see cref="Endpoint.NatsUrl"/>).</summary>
    public List<Endpoint> Servers { get; set; } = new List<Endpoint>();

    public string ClusterId { get; set; } = DefaultClusterId;

    internal bool ServersMalformed { get; set; }
}

/// <summary>A host and TCP port from the spec, located at the list entry it was written in.</summary>
public sealed class Endpoint : SpecElement
{
    public Endpoint()
    {
    }

    public Endpoint(string host, int port)
    {
        Host = host;
        Port = port;
    }

    public string Host { get; set; } = "";
    public int Port { get; set; }

    /// <summary>host:port, an IPv6 literal in brackets: the form bootstrapURLs and zooKeeperURLs take.</summary>
    public override string ToString() => Identifiers.ForUrl(Host) + ":" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string NatsUrl => "nats://" + ToString();
}

/// <summary>A local path the spec names (relative to the spec file), located where it was written.</summary>
public sealed class SpecPath : SpecElement
{
    public SpecPath(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;
}
