using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Preflight;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;
using DasOps.Integration.Tests.Lab;
using Xunit;

namespace DasOps.Integration.Tests;

/// <summary>
/// The connectivity pre-flight against the lab's real services (MariaDB, Debian's ZooKeeper and nats-server, the
/// listener standing in for Kafka): from each node, through its own SSH connection, a running service is reached and a
/// stopped one is reported naming the node, the peer and host:port. Both transports.
/// </summary>
[Collection(LabCollection.Name)]
public class ConnectivityTests
{
    private readonly LabFixture _lab;

    public ConnectivityTests(LabFixture lab) => _lab = lab;

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_running_service_is_reached_from_every_node_and_a_stopped_one_is_named_with_node_and_peer(Transport transport)
    {
        var env = LabHosts.Up(LabFixture.Nodes, new Dictionary<string, string> { ["DASOPS_LAB_SERVICES"] = "1" });
        using var cluster = new LabCluster(_lab, transport);
        var spec = cluster.Spec;
        var nodes = new[] { spec.FindNode("node1")!, spec.FindNode("node2")! };
        var endpoints = new[]
        {
            new ConnectivityEndpoint("database", "mysql", env.DbHost, env.DbPort),
            Endpoint("zookeeper", env.Values["LAB_ZOOKEEPER"]),
            Endpoint("nats", env.Values["LAB_NATS"]),
            Endpoint("kafka", env.Values["LAB_KAFKA"]),
        };
        var plan = nodes.Select(n => new NodeEndpoints(n, endpoints)).ToList();

        var all = await CheckAsync(spec, plan);
        Assert.Equal(8, all.Count);
        Assert.All(all, r => Assert.True(r.Reached, r.Message));

        LabFixture.Lab("svc-stop", "nats");
        LabFixture.Lab("svc-stop", "kafka");
        var after = await CheckAsync(spec, plan);
        var failed = after.Where(r => !r.Reached).ToList();
        Assert.Equal(new[] { "node1 kafka", "node1 nats", "node2 kafka", "node2 nats" },
            failed.Select(r => r.Node + " " + r.Endpoint.Peer).OrderBy(s => s, StringComparer.Ordinal));
        Assert.All(failed, r => Assert.Equal(ConnectivityOutcome.Unreachable, r.Outcome));
        var natsFromNode2 = failed.Single(r => r.Node == "node2" && r.Endpoint.Peer == "nats");
        Assert.StartsWith($"node2 cannot reach nats (nats) at {env.Values["LAB_NATS"]}: ", natsFromNode2.Message);
        Assert.Contains("could not connect", natsFromNode2.Detail);
        // the others still answer: the database and ZooKeeper from both nodes
        Assert.Equal(4, after.Count(r => r.Reached));

        LabFixture.Lab("svc-start", "nats");
        var healed = await CheckAsync(spec, plan);
        var natsAgain = healed.Single(r => r.Node == "node1" && r.Endpoint.Peer == "nats");
        Assert.True(natsAgain.Reached, natsAgain.Message);
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_node_cut_off_is_one_node_failure_per_endpoint_and_a_silent_host_times_out(Transport transport)
    {
        _lab.Reset();
        using var cluster = new LabCluster(_lab, transport);
        var spec = cluster.Spec;
        var plan = new[]
        {
            new NodeEndpoints(spec.FindNode("node1")!, new[] { new ConnectivityEndpoint("node3", "https", "10.77.0.13", 22) }),
            new NodeEndpoints(spec.FindNode("node2")!, new[] { new ConnectivityEndpoint("database", "mysql", _lab.Environment.DbHost, _lab.Environment.DbPort) }),
        };
        _lab.Fail("node3", "cut");
        _lab.Fail("node2", "cut");
        try
        {
            var results = await CheckAsync(spec, plan, TimeSpan.FromSeconds(2));
            var toCut = results.Single(r => r.Node == "node1");
            Assert.False(toCut.Reached);
            Assert.Contains("node1 cannot reach node3 (https) at 10.77.0.13:22", toCut.Message);
            var fromCut = results.Single(r => r.Node == "node2");
            Assert.Equal(ConnectivityOutcome.NodeUnreachable, fromCut.Outcome);
            Assert.StartsWith("node2 could not be reached over SSH", fromCut.Message);
        }
        finally
        {
            _lab.Fail("node3", "heal");
            _lab.Fail("node2", "heal");
        }
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public void Validate_live_reaches_the_database_from_a_node_and_names_the_peers_that_do_not_answer(Transport transport)
    {
        _lab.Reset();
        using var cluster = new LabCluster(_lab, transport);
        var env = new Dictionary<string, string>();

        // node5 is an analyzer: the database, and node6 (the other analyzer), whose DAS is not running
        var live = DasopsCli.Run(env, "validate", cluster.SpecPath, "--live", "--node", "node5", "--timeout", "3");
        Assert.True(live.ExitCode == 1, live.ToString());
        Assert.Matches(@"node5 +database +mysql +10\.77\.0\.10:3306 +ok ", live.StandardOutput);
        Assert.Contains("error: node5 cannot reach node6 (hazelcast) at 10.77.0.16:4000: ", live.StandardError);
        Assert.Contains("error: node5 cannot reach node6 (https) at 10.77.0.16:9443: ", live.StandardError);
        Assert.DoesNotContain("database", live.StandardError);
        Assert.Contains("connectivity: 2 of 3 endpoint(s) not reached.", live.StandardOutput);

        LabFixture.Lab("db-stop");
        var noDb = DasopsCli.Run(env, "validate", cluster.SpecPath, "--live", "--node", "node1", "--timeout", "3");
        Assert.True(noDb.ExitCode == 1, noDb.ToString());
        Assert.Contains("error: node1 cannot reach database (mysql) at 10.77.0.10:3306: ", noDb.StandardError);

        // without --live nothing is reached and a valid spec exits 0
        Assert.Equal(0, DasopsCli.Run(env, "validate", cluster.SpecPath).ExitCode);
    }

    private static ConnectivityEndpoint Endpoint(string name, string address)
    {
        var colon = address.LastIndexOf(':');
        return new ConnectivityEndpoint(name, name, address.Substring(0, colon), int.Parse(address.Substring(colon + 1)));
    }

    private static async Task<IReadOnlyList<ConnectivityResult>> CheckAsync(ClusterSpec spec, IReadOnlyList<NodeEndpoints> plan, TimeSpan? timeout = null)
    {
        var options = SshSettings.For(spec);
        options.ConnectTimeout = TimeSpan.FromSeconds(3);
        using var connections = RemoteShells.Open(spec, options);
        return await ConnectivityChecker.CheckAsync(plan, connections.ShellFor, timeout ?? TimeSpan.FromSeconds(5), SilentReporter.Instance, CancellationToken.None);
    }
}
