using System;
using System.IO;
using System.Linq;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Preflight;
using DasOps.Engine.Spec;
using Xunit;

namespace DasOps.Engine.Tests.Preflight;

/// <summary>The endpoint list a DAS cluster's pre-flight checks, taken from the topology the configuration is rendered from.</summary>
public class ConnectivityEndpointsTests
{
    private static ClusterSpec Example(string file) =>
        SpecLoader.LoadFile(Path.Combine(SourceRoot(), "examples", file));

    private static string SourceRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "DasOps.slnx"))) dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("no source root");
        return dir;
    }

    private static string[] Lines(ClusterSpec spec, string node) =>
        ConnectivityEndpoints.For(spec, spec.Nodes).Single(n => n.Node.Name == node).Endpoints.Select(e => e.ToString()).ToArray();

    [Fact]
    public void An_analyzer_checks_the_database_and_only_the_other_analyzer_on_its_clustering_and_https_ports()
    {
        var spec = Example("das-fully-distributed.yaml");
        Assert.Equal(new[] { "database mysql db.das.internal:3306", "ana2 hazelcast 10.0.2.32:4000", "ana2 https 10.0.2.32:9443" }, Lines(spec, "ana1"));
    }

    [Fact]
    public void A_receiver_checks_every_other_member_of_the_receiver_indexer_cluster_and_never_itself()
    {
        var spec = Example("das-fully-distributed.yaml");
        var lines = Lines(spec, "rcv1");
        Assert.Equal("database mysql db.das.internal:3306", lines[0]);
        Assert.Equal(new[] { "dsh1", "dsh2", "idx1", "idx2", "rcv2" },
            lines.Skip(1).Select(l => l.Split(' ')[0]).Distinct().OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(11, lines.Length);
        Assert.DoesNotContain(lines, l => l.StartsWith("rcv1 ", StringComparison.Ordinal) || l.Contains("10.0.2.3"));
    }

    [Fact]
    public void Minimum_ha_peers_are_checked_at_the_offset_https_port()
    {
        var spec = Example("is-analytics-minimum-ha.yaml");
        Assert.Equal(new[] { "database mysql 10.0.1.10:3306", "isa2 hazelcast 10.0.1.12:4000", "isa2 https 10.0.1.12:9444" }, Lines(spec, "isa1"));
    }

    [Fact]
    public void Only_the_selected_nodes_get_a_list()
    {
        var spec = Example("das-fully-distributed.yaml");
        Assert.Equal(new[] { "idx2" }, ConnectivityEndpoints.For(spec, new[] { spec.FindNode("idx2")! }).Select(n => n.Node.Name));
    }

    [Fact]
    public void A_stream_processor_manager_checks_the_database_kafka_zookeeper_and_every_peer_and_a_worker_only_the_managers()
    {
        var spec = Example("sp-distributed.yaml");
        var lists = ConnectivityEndpoints.For(spec, spec.Nodes).ToDictionary(l => l.Node.Name, l => l.Endpoints.Select(e => e.ToString()).ToList());

        Assert.Equal(new[]
        {
            "database mysql 10.77.0.10:3306", "kafka kafka 10.77.0.10:9092", "zookeeper zookeeper 10.77.0.10:2181",
            "mgr2 https 10.77.0.12:9543", "wrk1 https 10.77.0.13:9443", "wrk2 https 10.77.0.14:9443", "rcv1 https 10.77.0.15:9443",
        }, lists["mgr1"]);
        Assert.Equal(new[] { "database mysql 10.77.0.10:3306", "mgr1 https 10.77.0.11:9543", "mgr2 https 10.77.0.12:9543" }, lists["rcv1"]);
    }

    [Theory]
    [InlineData("db", "mysql", "", 3306)]
    [InlineData("db", "mysql", "h", 0)]
    [InlineData("db", "mysql", "h", 65536)]
    [InlineData("", "mysql", "h", 3306)]
    [InlineData("db", " ", "h", 3306)]
    public void An_endpoint_without_peer_service_host_or_a_valid_port_is_refused(string peer, string service, string host, int port) =>
        Assert.ThrowsAny<ArgumentException>(() => new ConnectivityEndpoint(peer, service, host, port));

    [Fact]
    public void An_ipv6_address_is_bracketed_and_equal_endpoints_ignore_host_case()
    {
        Assert.Equal("[fd00::10]:9092", new ConnectivityEndpoint("kafka1", "kafka", "fd00::10", 9092).Address);
        Assert.Equal(new ConnectivityEndpoint("zk", "zookeeper", "ZK.internal", 2181), new ConnectivityEndpoint("zk", "zookeeper", "zk.internal", 2181));
        Assert.NotEqual(new ConnectivityEndpoint("zk", "zookeeper", "zk", 2181), new ConnectivityEndpoint("zk", "nats", "zk", 2181));
    }
}
