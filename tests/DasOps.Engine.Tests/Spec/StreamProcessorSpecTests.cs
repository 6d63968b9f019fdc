using System.Collections.Generic;
using System.IO;
using System.Linq;
using DasOps.Engine.Spec;
using DasOps.Engine.Tests.Support;
using Xunit;

namespace DasOps.Engine.Tests.Spec;

/// <summary>
/// The Stream Processor distributed spec (seed 004): a valid spec passes, and each broken variant fails with its own
/// error code at the line it was written on.
/// </summary>
public class StreamProcessorSpecTests
{
    // Line numbers matter: the tests below assert them.
    private const string Valid =
        "name: sp\n" +                                                       // 1
        "product: StreamProcessor\n" +                                       // 2
        "pattern: Distributed\n" +                                           // 3
        "database: {host: 10.77.0.10}\n" +                                   // 4
        "streamProcessor:\n" +                                               // 5
        "  minResourceCount: 2\n" +                                          // 6
        "  kafka:\n" +                                                       // 7
        "    bootstrapServers: [10.77.0.10:9092]\n" +                        // 8
        "    zooKeeper: [10.77.0.10:2181]\n" +                               // 9
        "nodes:\n" +                                                         // 10
        "  - {name: mgr1, host: 10.77.0.11, roles: [Manager]}\n" +           // 11
        "  - {name: mgr2, host: 10.77.0.12, roles: [Manager]}\n" +           // 12
        "  - {name: wrk1, host: 10.77.0.13, roles: [Worker]}\n" +            // 13
        "  - {name: wrk2, host: 10.77.0.14, roles: [Worker]}\n" +            // 14
        "  - {name: rcv1, host: 10.77.0.15, roles: [ReceiverWorker]}\n";     // 15

    private static List<SpecError> Errors(string yaml) => SpecLoader.LoadAndValidate(yaml, "sp.yaml", out _).ToList();

    private static string With(string from, string to)
    {
        Assert.Contains(from, Valid);
        return Valid.Replace(from, to);
    }

    /// <summary>Exactly one error: its code and line (and the file name in its text).</summary>
    private static SpecError Single(string yaml, string code, int line)
    {
        var errors = Errors(yaml);
        var error = Assert.Single(errors);
        Assert.Equal((code, line), (error.Code, error.Location.Line));
        Assert.StartsWith($"sp.yaml:{line}:", error.ToString());
        return error;
    }

    [Fact]
    public void The_valid_spec_passes_and_reads_every_value()
    {
        var errors = SpecLoader.LoadAndValidate(Valid, "sp.yaml", out var spec);
        Assert.Empty(errors);
        Assert.Equal(Product.StreamProcessor, spec!.Product);
        Assert.Equal(Pattern.Distributed, spec.Pattern);
        Assert.Equal(new[] { "10.77.0.10:9092" }, spec.StreamProcessor.Kafka!.BootstrapServers.Select(e => e.ToString()));
        Assert.Equal(new[] { "10.77.0.10:2181" }, spec.StreamProcessor.Kafka.ZooKeeper.Select(e => e.ToString()));
        Assert.Equal(2, spec.StreamProcessor.MinResourceCount);
        Assert.Equal((2000, 2), (spec.StreamProcessor.HeartbeatIntervalOrDefault, spec.StreamProcessor.HeartbeatMaxRetryOrDefault));
        Assert.Equal(new[] { "mgr1", "mgr2", "wrk1", "wrk2", "rcv1" }, spec.Nodes.Select(ClusterSpec.CarbonIdOf));
        Assert.Equal(new SpNodeRole?[] { SpNodeRole.Manager, SpNodeRole.Manager, SpNodeRole.Worker, SpNodeRole.Worker, SpNodeRole.ReceiverWorker },
            spec.Nodes.Select(n => n.SpRole));
        Assert.All(spec.Nodes, n => Assert.Empty(n.Roles));
        Assert.Equal(("WSO2_CLUSTER_DB", "SP_MGT_DB"), (spec.Database.Names.ClusterDb, spec.Database.Names.ManagementDb));
        Assert.Equal("/opt/wso2sp", spec.HomeOf(spec.Nodes[0]));
    }

    [Fact]
    public void The_shipped_example_loads_and_validates_clean()
    {
        var errors = SpecLoader.LoadAndValidateFile(Path.Combine(RepoPaths.Root, "examples", "sp-distributed.yaml"), out var spec);
        Assert.Empty(errors);
        Assert.Equal(2, spec!.NodesWithSpRole(SpNodeRole.Manager).Count());
        Assert.Equal(2, spec.NodesWithSpRole(SpNodeRole.Worker).Count());
        Assert.Single(spec.NodesWithSpRole(SpNodeRole.ReceiverWorker));
        Assert.All(spec.Nodes, n => Assert.StartsWith("10.77.0.1", n.Host));
    }

    [Fact]
    public void The_stock_carbon_id_on_every_node_is_refused_once_per_repeat()
    {
        var yaml = Valid.Replace("roles: [", "carbonId: wso2-sp, roles: [");
        var errors = Errors(yaml);
        Assert.Equal(new[] { 12, 13, 14, 15 }, errors.Select(e => e.Location.Line));
        Assert.All(errors, e => Assert.Equal("DuplicateCarbonId", e.Code));
        Assert.Contains("share wso2.carbon.id 'wso2-sp'; a manager REJECTS", errors[0].Message);
    }

    [Fact]
    public void A_carbon_id_equal_to_another_nodes_default_is_refused()
    {
        var error = Single(With("{name: wrk2, host: 10.77.0.14,", "{name: wrk2, host: 10.77.0.14, carbonId: WRK1,"), "DuplicateCarbonId", 14);
        Assert.Contains("nodes 'wrk1' and 'wrk2'", error.Message);
    }

    [Theory]
    [InlineData("'bad id'")]
    [InlineData("\"mgr1\\n\"")] // a trailing newline: \z, not $, ends the pattern
    [InlineData("-lead")]
    public void A_carbon_id_that_is_not_a_plain_word_is_refused(string id)
    {
        Single(With("{name: mgr1, host: 10.77.0.11,", $"{{name: mgr1, host: 10.77.0.11, carbonId: {id},"), "InvalidCarbonId", 11);
    }

    [Fact]
    public void One_manager_is_refused()
    {
        var error = Single(With("{name: mgr2, host: 10.77.0.12, roles: [Manager]}", "{name: mgr2, host: 10.77.0.12, roles: [Worker]}"), "ManagersBelowMinimum", 11); // errors about the node list point at its first entry
        Assert.Contains("at least 2 Manager nodes", error.Message);
    }

    [Fact]
    public void No_receiver_worker_is_refused()
    {
        Single(With("roles: [ReceiverWorker]", "roles: [Worker]"), "ReceiverWorkersBelowMinimum", 11);
    }

    [Fact]
    public void MinResourceCount_above_the_workers_is_refused_and_receiver_workers_do_not_count()
    {
        // 2 workers and 1 receiver worker: 3 would hold every app back.
        var error = Single(With("minResourceCount: 2", "minResourceCount: 3"), "MinResourceCountAboveWorkers", 6);
        Assert.Contains("is 3 but the cluster has 2 Worker node(s)", error.Message);
    }

    [Fact]
    public void MinResourceCount_below_one_is_refused()
    {
        Single(With("minResourceCount: 2", "minResourceCount: 0"), "MinResourceCountOutOfRange", 6);
    }

    [Fact]
    public void The_default_minResourceCount_needs_a_worker_and_the_error_points_at_the_nodes()
    {
        var yaml = With("  minResourceCount: 2\n", "")
            .Replace("roles: [Worker]}\n  - {name: wrk2, host: 10.77.0.14, roles: [Worker]}", "roles: [ReceiverWorker]}\n  - {name: wrk2, host: 10.77.0.14, roles: [ReceiverWorker]}");
        var error = Assert.Single(Errors(yaml));
        Assert.Equal(("MinResourceCountAboveWorkers", 10), (error.Code, error.Location.Line));
    }

    [Theory]
    [InlineData("host: 10.77.0.11,", "host: 127.0.0.5,", 11)]
    [InlineData("host: 10.77.0.11,", "host: localhost,", 11)]
    [InlineData("host: 10.77.0.11,", "host: 0.0.0.0,", 11)]
    [InlineData("host: 10.77.0.11,", "host: '::1',", 11)]
    [InlineData("host: 10.77.0.11,", "host: 224.0.0.1,", 11)]
    [InlineData("[10.77.0.10:9092]", "[localhost:9092]", 8)]
    [InlineData("[10.77.0.10:2181]", "['[::]:2181']", 9)]
    [InlineData("{host: 10.77.0.10}", "{host: 127.0.0.1}", 4)]
    public void An_address_that_is_not_a_reachable_interface_is_refused(string from, string to, int line)
    {
        Single(With(from, to), "NotAnInterfaceAddress", line);
    }

    [Fact]
    public void A_das_role_on_a_stream_processor_node_is_refused()
    {
        var error = Single(Valid + "  - {name: x1, host: 10.77.0.16, roles: [Receiver]}\n", "DasRoleOnSpNode", 16);
        Assert.Contains("Manager, Worker, ReceiverWorker", error.Message);
    }

    [Fact]
    public void A_stream_processor_role_on_a_das_node_is_refused()
    {
        var yaml = "name: c\nproduct: Das\npattern: FullyDistributed\ndatabase: {host: 10.0.0.10}\nnodes:\n" +
                   string.Concat(new[] { "Receiver", "Indexer", "Analyzer", "Dashboard" }.SelectMany((r, k) => new[] { 1, 2 }.Select(i =>
                       $"  - {{name: {r.ToLowerInvariant()}{i}, host: 10.0.0.{k + 1}{i}, roles: [{r}]}}\n"))) +
                   "  - {name: m1, host: 10.0.0.99, roles: [Manager]}\n";
        var error = Assert.Single(Errors(yaml));
        Assert.Equal(("SpRoleOnDasNode", 14), (error.Code, error.Location.Line));
    }

    [Fact]
    public void A_node_running_two_runtimes_is_refused()
    {
        Single(Valid + "  - {name: x1, host: 10.77.0.16, roles: [ReceiverWorker, Manager]}\n", "ConflictingProfiles", 16);
    }

    [Fact]
    public void A_node_without_a_role_is_refused()
    {
        Single(With(", roles: [ReceiverWorker]}", "}").Replace("roles: [Worker]}\n  - {name: wrk2, host: 10.77.0.14, roles: [Worker]}",
            "roles: [ReceiverWorker]}\n  - {name: wrk2, host: 10.77.0.14, roles: [Worker]}").Replace("minResourceCount: 2", "minResourceCount: 1"),
            "NodeWithoutRole", 15);
    }

    [Fact]
    public void Two_workers_on_one_host_are_refused_but_a_manager_beside_a_worker_is_not()
    {
        Single(With("{name: wrk2, host: 10.77.0.14,", "{name: wrk2, host: 10.77.0.13,"), "DuplicateHostAndRuntime", 14);
        Assert.Empty(Errors(With("{name: wrk1, host: 10.77.0.13,", "{name: wrk1, host: 10.77.0.11,")));
    }

    [Fact]
    public void Kafka_without_bootstrap_servers_is_refused()
    {
        Single(With("    bootstrapServers: [10.77.0.10:9092]\n", ""), "KafkaWithoutBootstrapServers", 8); // a section's errors point at its first key
    }

    [Fact]
    public void Kafka_without_zookeeper_is_refused()
    {
        Single(With("    zooKeeper: [10.77.0.10:2181]\n", ""), "KafkaWithoutZooKeeper", 8);
    }

    [Fact]
    public void No_messaging_layer_is_refused()
    {
        Single(With("  kafka:\n    bootstrapServers: [10.77.0.10:9092]\n    zooKeeper: [10.77.0.10:2181]\n", ""), "NoMessaging", 6);
    }

    [Fact]
    public void Nats_with_a_server_passes_and_keeps_its_cluster_id()
    {
        var yaml = With("  kafka:\n    bootstrapServers: [10.77.0.10:9092]\n    zooKeeper: [10.77.0.10:2181]\n",
            "  nats:\n    servers: [nats://10.77.0.10:4222, 'nats://[fd00::10]']\n    clusterId: sp-lab\n");
        Assert.Empty(SpecLoader.LoadAndValidate(yaml, "sp.yaml", out var spec));
        Assert.Equal(new[] { "nats://10.77.0.10:4222", "nats://[fd00::10]:4222" }, spec!.StreamProcessor.Nats!.Servers.Select(s => s.NatsUrl));
        Assert.Equal("sp-lab", spec.StreamProcessor.Nats.ClusterId);
    }

    [Fact]
    public void Nats_without_a_server_is_refused()
    {
        Single(With("  kafka:\n    bootstrapServers: [10.77.0.10:9092]\n    zooKeeper: [10.77.0.10:2181]\n", "  nats:\n    clusterId: sp-lab\n"),
            "NatsWithoutServer", 8);
    }

    [Fact]
    public void A_nats_server_that_is_not_a_nats_url_is_refused_at_its_entry()
    {
        Single(With("  kafka:\n    bootstrapServers: [10.77.0.10:9092]\n    zooKeeper: [10.77.0.10:2181]\n", "  nats:\n    servers:\n      - http://10.77.0.10:4222\n"),
            "InvalidNatsUrl", 9);
    }

    [Fact]
    public void Kafka_and_nats_together_are_refused()
    {
        Single(With("nodes:\n", "  nats: {servers: [nats://10.77.0.10:4222]}\nnodes:\n"), "ConflictingMessaging", 10);
    }

    [Fact]
    public void A_malformed_endpoint_is_refused_at_its_entry()
    {
        var error = Single(With("zooKeeper: [10.77.0.10:2181]", "zooKeeper: [10.77.0.10:2181, '10.77.0.10:zk']"), "InvalidEndpoint", 9);
        Assert.Equal(34, error.Location.Column);
    }

    [Fact]
    public void Heartbeat_values_below_one_are_refused()
    {
        var errors = Errors(With("  kafka:\n", "  heartbeatInterval: 0\n  heartbeatMaxRetry: -1\n  kafka:\n"));
        Assert.Equal(new[] { ("HeartbeatOutOfRange", 7), ("HeartbeatOutOfRange", 8) }, errors.Select(e => (e.Code, e.Location.Line)));
    }

    [Fact]
    public void The_pattern_must_match_the_product_both_ways()
    {
        Single(With("pattern: Distributed", "pattern: FullyDistributed"), "PatternNotForProduct", 3);
        var das = "name: c\nproduct: Das\npattern: Distributed\ndatabase: {host: 10.0.0.10}\nnodes:\n  - {name: n1, host: 10.0.0.11}\n  - {name: n2, host: 10.0.0.12}\n";
        Assert.Contains(Errors(das), e => e.Code == "PatternNotForProduct" && e.Location.Line == 3);
    }

    [Fact]
    public void Unknown_keys_in_the_section_are_refused_with_a_suggestion()
    {
        var errors = Errors(With("  minResourceCount: 2\n", "  minResourceCount: 2\n  minResourceCnt: 2\n").Replace("    zooKeeper:", "    zookeeper:"))
            .Select(e => e.ToString()).ToList();
        Assert.Contains("sp.yaml:7:3: error UnknownKey: unknown key 'minResourceCnt' in streamProcessor; did you mean 'minResourceCount'?", errors);
        Assert.Contains("sp.yaml:10:5: error UnknownKey: unknown key 'zookeeper' in streamProcessor.kafka; did you mean 'zooKeeper'?", errors);
    }

    [Fact]
    public void Sections_of_the_other_product_are_refused()
    {
        Single(With("nodes:\n", "spark: {masterCount: 2}\nnodes:\n"), "NotForProduct", 10);
        Single(With("{name: mgr1, host: 10.77.0.11,", "{name: mgr1, host: 10.77.0.11, hazelcastPort: 4000,"), "NotForProduct", 11);
        Single(With("{host: 10.77.0.10}", "{host: 10.77.0.10, names: {regDb: regdb}}"), "NotForProduct", 4);
        var das = "name: c\nproduct: Das\npattern: MinimumHa\ndatabase: {host: 10.0.0.10}\nstreamProcessor: {minResourceCount: 1}\nnodes:\n  - {name: n1, host: 10.0.0.11, carbonId: x}\n  - {name: n2, host: 10.0.0.12}\n";
        Assert.Equal(new[] { ("NotForProduct", 5), ("NotForProduct", 7) }, Errors(das).Select(e => (e.Code, e.Location.Line)));
    }

    [Fact]
    public void The_sp_database_names_are_checked_as_identifiers()
    {
        Single(With("{host: 10.77.0.10}", "{host: 10.77.0.10, names: {managementDb: 'SP-MGT'}}"), "InvalidDatabaseName", 4);
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var yaml = With("minResourceCount: 2", "minResourceCount: 5")
            .Replace("roles: [ReceiverWorker]", "roles: [Worker]")
            .Replace("{name: mgr2, host: 10.77.0.12, roles: [Manager]}", "{name: mgr2, host: 127.0.0.1, roles: [Worker], carbonId: mgr1}")
            .Replace("    zooKeeper: [10.77.0.10:2181]\n", "");
        Assert.Equal(new[]
        {
            ("MinResourceCountAboveWorkers", 6), ("KafkaWithoutZooKeeper", 8), ("ManagersBelowMinimum", 10), ("ReceiverWorkersBelowMinimum", 10),
            ("NotAnInterfaceAddress", 11), ("DuplicateCarbonId", 11),
        }.OrderBy(e => e.Item2).ThenBy(e => e.Item1, System.StringComparer.Ordinal),
            Errors(yaml).Select(e => (e.Code, e.Location.Line)).OrderBy(e => e.Line).ThenBy(e => e.Code, System.StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_writer_round_trips_a_stream_processor_spec(bool nats)
    {
        var yaml = With("{name: mgr1, host: 10.77.0.11,", "{name: mgr1, host: 10.77.0.11, carbonId: manager-a,")
            .Replace("  kafka:\n", "  heartbeatInterval: 5000\n  kafka:\n")
            .Replace("{host: 10.77.0.10}", "{host: 10.77.0.10, names: {clusterDb: sp_cluster}}");
        if (nats)
            yaml = yaml.Replace("  kafka:\n    bootstrapServers: [10.77.0.10:9092]\n    zooKeeper: [10.77.0.10:2181]\n", "  nats: {servers: [nats://10.77.0.10:4223], clusterId: lab}\n");
        var first = SpecLoader.Load(yaml, "sp.yaml");
        var written = SpecWriter.ToYaml(first);
        Assert.Empty(SpecLoader.LoadAndValidate(written, "written.yaml", out var second));
        Assert.Equal(written, SpecWriter.ToYaml(second!));
        Assert.Equal("manager-a", second!.Nodes[0].CarbonId);
        Assert.Equal(5000, second.StreamProcessor.HeartbeatInterval);
        Assert.Null(second.StreamProcessor.HeartbeatMaxRetry);
        Assert.Equal("sp_cluster", second.Database.Names.ClusterDb);
        Assert.DoesNotContain("spark", written);
        Assert.Equal(nats ? "nats://10.77.0.10:4223" : "10.77.0.10:9092",
            nats ? second.StreamProcessor.Nats!.Servers[0].NatsUrl : second.StreamProcessor.Kafka!.BootstrapServers[0].ToString());
    }

    [Fact]
    public void The_scaffold_builds_a_valid_stream_processor_spec_and_refuses_one_without_messaging()
    {
        var options = new ScaffoldOptions
        {
            Product = Product.StreamProcessor,
            Pattern = Pattern.Distributed,
            Name = "sp",
            Database = "10.77.0.10",
            Nodes = new[] { "mgr1=10.77.0.11:Manager", "mgr2=10.77.0.12:Manager", "wrk1=10.77.0.13:Worker", "rcv1=10.77.0.15:ReceiverWorker" },
            Kafka = new[] { "10.77.0.10" },
            ZooKeeper = new[] { "10.77.0.10:2181" },
        };
        var spec = ClusterScaffold.CreateValidated(options, out var errors);
        Assert.Empty(errors);
        Assert.Empty(SpecLoader.LoadAndValidate(SpecWriter.ToYaml(spec), "new.yaml", out var reloaded));
        Assert.Equal("10.77.0.10:9092", reloaded!.StreamProcessor.Kafka!.BootstrapServers.Single().ToString());
        Assert.Equal(ClusterSpec.DefaultSpHome, reloaded.Defaults.Home);

        options.Kafka = new string[0];
        options.ZooKeeper = new string[0];
        ClusterScaffold.CreateValidated(options, out errors);
        Assert.Equal("NoMessaging", Assert.Single(errors).Code);
        Assert.Throws<DasOps.Engine.Diagnostics.InputException>(() => ClusterScaffold.ParseNode("m1=10.77.0.11:Leader", Product.StreamProcessor));
    }
}
