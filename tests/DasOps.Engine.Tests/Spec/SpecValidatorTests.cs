using System.Collections.Generic;
using System.Linq;
using DasOps.Engine.Spec;
using Xunit;

namespace DasOps.Engine.Tests.Spec;

/// <summary>Every validation rule: the bad input and the exact error, located at file:line:column.</summary>
public class SpecValidatorTests
{
    private const string Head = "name: c\nproduct: Das\npattern: MinimumHa\ndatabase: {host: 10.0.0.10}\n";

    private static List<string> Errors(string yaml)
    {
        return SpecLoader.LoadAndValidate(yaml, "c.yaml", out _).Select(e => e.ToString()).ToList();
    }

    [Fact]
    public void A_valid_minimum_ha_spec_has_no_errors()
    {
        Assert.Empty(Errors(Head + "nodes:\n  - {name: n1, host: 10.0.0.11}\n  - {name: n2, host: 10.0.0.12}\n"));
    }

    [Fact]
    public void Unknown_key_is_rejected_at_its_position_with_a_suggestion()
    {
        var errors = Errors(Head + "nodes:\n  - {name: n1, host: 10.0.0.11, hots: x}\n  - {name: n2, host: 10.0.0.12}\n");
        Assert.Equal(new[] { "c.yaml:6:33: error UnknownKey: unknown key 'hots' in node 'n1'; did you mean 'host'?" }, errors);
    }

    [Fact]
    public void Unknown_top_level_and_nested_keys_are_all_reported()
    {
        var errors = Errors("name: c\npatern: MinimumHa\ndatabase: {host: 10.0.0.10, prot: 3306}\nnodes:\n  - {name: n1, host: 10.0.0.11}\n  - {name: n2, host: 10.0.0.12}\n");
        Assert.Equal(new[]
        {
            "c.yaml:2:1: error UnknownKey: unknown key 'patern' in the cluster spec; did you mean 'pattern'?",
            "c.yaml:3:29: error UnknownKey: unknown key 'prot' in database; did you mean 'port'?",
        }, errors);
    }

    [Fact]
    public void Duplicate_node_names_are_rejected()
    {
        var errors = Errors(Head + "nodes:\n  - {name: n1, host: 10.0.0.11}\n  - {name: N1, host: 10.0.0.12}\n");
        Assert.Equal(new[] { "c.yaml:7:12: error DuplicateNodeName: node name 'N1' is used twice (first at c.yaml:6:12)." }, errors);
    }

    [Fact]
    public void Two_nodes_with_the_same_host_and_offset_are_rejected()
    {
        var errors = Errors(Head + "nodes:\n  - {name: n1, host: 10.0.0.11, portOffset: 2}\n  - {name: n2, host: 10.0.0.11, portOffset: 2}\n");
        Assert.Equal(new[] { "c.yaml:7:45: error DuplicateHostAndOffset: nodes 'n1' and 'n2' share host 10.0.0.11 and port offset 2; their ports would collide." }, errors);
    }

    [Fact]
    public void Same_host_with_different_offsets_is_accepted()
    {
        Assert.Empty(Errors(Head + "nodes:\n  - {name: n1, host: 10.0.0.11}\n  - {name: n2, host: 10.0.0.11, portOffset: 1}\n"));
    }

    [Fact]
    public void Loopback_in_a_cluster_spanning_hosts_is_rejected()
    {
        var errors = Errors(Head + "nodes:\n  - {name: n1, host: 127.0.0.1}\n  - {name: n2, host: 10.0.0.12}\n");
        Assert.Equal(new[] { "c.yaml:6:22: error LoopbackInMultiHostCluster: node 'n1': host 127.0.0.1 is a loopback address in a cluster that spans hosts; other nodes cannot reach it and a WKA list with it breaks Hazelcast." }, errors);
    }

    [Fact]
    public void Loopback_on_a_single_host_cluster_is_accepted()
    {
        Assert.Empty(Errors("name: c\ndatabase: {host: 127.0.0.1}\nnodes:\n  - {name: n1, host: 127.0.0.1}\n  - {name: n2, host: 127.0.0.1, portOffset: 1}\n"));
    }

    [Fact]
    public void Fully_distributed_needs_two_of_each_role()
    {
        var errors = Errors("name: c\npattern: FullyDistributed\ndatabase: {host: 10.0.0.10}\nnodes:\n" +
            "  - {name: r1, host: 10.0.0.11, roles: [Receiver]}\n  - {name: r2, host: 10.0.0.12, roles: [Receiver]}\n" +
            "  - {name: i1, host: 10.0.0.13, roles: [Indexer]}\n" +
            "  - {name: a1, host: 10.0.0.15, roles: [Analyzer]}\n  - {name: a2, host: 10.0.0.16, roles: [Analyzer]}\n" +
            "  - {name: d1, host: 10.0.0.17, roles: [Dashboard]}\n  - {name: d2, host: 10.0.0.18, roles: [Dashboard]}\n");
        Assert.Equal(new[] { "c.yaml:5:3: error RoleBelowMinimum: the fully distributed pattern needs at least 2 Indexer nodes for high availability; this spec has 1." }, errors);
    }

    [Fact]
    public void Minimum_ha_has_exactly_two_nodes()
    {
        var errors = Errors(Head + "nodes:\n  - {name: n1, host: 10.0.0.11}\n");
        Assert.Equal(new[]
        {
            "c.yaml:6:3: error NodeCountMismatch: the minimum-HA pattern has exactly 2 nodes; this spec has 1.",
            "c.yaml:6:3: error SparkMasterCountAboveAnalyzers: spark.masterCount is 2 but the cluster has 1 analyzer node(s); a Spark master runs on an analyzer.",
        }, errors);
    }

    [Fact]
    public void Spark_master_count_above_the_analyzers_is_rejected_at_the_count()
    {
        var errors = Errors(Head + "spark: {masterCount: 3}\nnodes:\n  - {name: n1, host: 10.0.0.11}\n  - {name: n2, host: 10.0.0.12}\n");
        Assert.Equal(new[] { "c.yaml:5:22: error SparkMasterCountAboveAnalyzers: spark.masterCount is 3 but the cluster has 2 analyzer node(s); a Spark master runs on an analyzer." }, errors);
    }

    [Fact]
    public void More_than_one_dep_sync_committer_is_rejected()
    {
        var errors = Errors(Head + "depSync: {svnUrl: 'http://svn/r', user: u, committer: [n1, n2]}\nnodes:\n  - {name: n1, host: 10.0.0.11}\n  - {name: n2, host: 10.0.0.12}\n");
        Assert.Equal(new[] { "c.yaml:5:55: error MultipleDepSyncCommitters: depSync has 2 committers (n1, n2); exactly one node may commit (seed 000, step 7)." }, errors);
    }

    [Fact]
    public void Dep_sync_committer_must_be_a_receiver()
    {
        var errors = Errors("name: c\npattern: FullyDistributed\ndatabase: {host: 10.0.0.10}\ndepSync: {svnUrl: 'http://svn/r', user: u, committer: i1}\nnodes:\n" +
            "  - {name: r1, host: 10.0.0.11, roles: [Receiver]}\n  - {name: r2, host: 10.0.0.12, roles: [Receiver]}\n" +
            "  - {name: i1, host: 10.0.0.13, roles: [Indexer]}\n  - {name: i2, host: 10.0.0.14, roles: [Indexer]}\n" +
            "  - {name: a1, host: 10.0.0.15, roles: [Analyzer]}\n  - {name: a2, host: 10.0.0.16, roles: [Analyzer]}\n" +
            "  - {name: d1, host: 10.0.0.17, roles: [Dashboard]}\n  - {name: d2, host: 10.0.0.18, roles: [Dashboard]}\n");
        Assert.Equal(new[] { "c.yaml:4:55: error DepSyncCommitterNotReceiver: depSync committer 'i1' is not a receiver; only a receiver commits (seed 000, step 7)." }, errors);
    }

    [Theory]
    [InlineData("bad_host!", 22)]
    [InlineData("10.0.0", 22)]
    [InlineData("-leading.example.com", 22)]
    public void Invalid_host_names_are_rejected(string host, int column)
    {
        var errors = Errors(Head + $"nodes:\n  - {{name: n1, host: '{host}'}}\n  - {{name: n2, host: 10.0.0.12}}\n");
        Assert.Equal(new[] { $"c.yaml:6:{column}: error InvalidHostName: node 'n1': '{host}' is not a valid host name or IP address." }, errors);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(47456)]
    public void Port_offsets_out_of_range_are_rejected(int offset)
    {
        var errors = Errors(Head + $"nodes:\n  - {{name: n1, host: 10.0.0.11, portOffset: {offset}}}\n  - {{name: n2, host: 10.0.0.12}}\n");
        Assert.Equal(new[] { $"c.yaml:6:45: error PortOffsetOutOfRange: node 'n1': port offset {offset} is out of range 0..47455 (ports up to 18080+offset must stay below 65536)." }, errors);
    }

    [Theory]
    [InlineData("user-db")]
    [InlineData("userdb; DROP DATABASE x")]
    [InlineData("`userdb`")]
    [InlineData("1userdb")]
    public void Database_names_that_are_not_plain_identifiers_are_rejected(string name)
    {
        var errors = Errors("name: c\ndatabase:\n  host: 10.0.0.10\n  names:\n    userDb: \"" + name + "\"\nnodes:\n  - {name: n1, host: 10.0.0.11}\n  - {name: n2, host: 10.0.0.12}\n");
        Assert.Equal(new[] { $"c.yaml:5:13: error InvalidDatabaseName: database name '{name}' (userDb) is not a plain identifier: use letters, digits and '_', starting with a letter or '_', at most 64." }, errors);
    }

    [Fact]
    public void Malformed_yaml_names_the_line_and_column()
    {
        var errors = Errors("name: c\nnodes:\n  - {name: n1, host: 10.0.0.11\n  - {name: n2}\n");
        var error = Assert.Single(errors);
        Assert.StartsWith("c.yaml:4:", error);
        Assert.Contains("error YamlSyntax:", error);
    }

    [Fact]
    public void Wrong_value_types_are_reported_with_their_position()
    {
        var errors = Errors(Head + "nodes:\n  - {name: n1, host: 10.0.0.11, portOffset: two}\n  - {name: n2, host: 10.0.0.12, roles: [Recever]}\n");
        Assert.Equal(new[]
        {
            "c.yaml:6:45: error InvalidValue: 'portOffset' must be a whole number, not 'two'.",
            "c.yaml:7:41: error UnknownRole: unknown role 'Recever'; roles are Receiver, Indexer, Analyzer, Dashboard, Storm.",
        }, errors);
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var errors = Errors("name: c\npattern: FullyDistributed\ndatabase: {host: 10.0.0.10, names: {regDb: 'reg db'}}\nspark: {masterCount: 5}\nnodes:\n" +
            "  - {name: r1, host: 'not a host', roles: [Receiver], portOffset: 99999}\n");
        var codes = errors.Select(e => e.Split(new[] { "error " }, 2, System.StringSplitOptions.None)[1].Split(':')[0]).OrderBy(c => c).ToList();
        Assert.Equal(new[] { "InvalidDatabaseName", "InvalidHostName", "PortOffsetOutOfRange", "RoleBelowMinimum", "RoleBelowMinimum", "RoleBelowMinimum", "RoleBelowMinimum", "SparkMasterCountAboveAnalyzers" }, codes);
    }
}
