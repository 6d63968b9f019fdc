using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Preflight;
using DasOps.Engine.Remote;
using DasOps.Engine.Remote.OpenSsh;
using DasOps.Engine.Remote.SshNet;
using DasOps.Engine.Spec;
using Xunit;

namespace DasOps.Engine.Tests.Preflight;

/// <summary>How the checker maps each node's probe answers to results, with probes that answer from a table.</summary>
public class ConnectivityCheckerTests
{
    private sealed class TableProbe : IRemoteShell, ITcpProbe
    {
        private readonly Func<string, int, TcpProbeResult> _answer;
        public readonly ConcurrentBag<string> Asked = new ConcurrentBag<string>();
        private int _inFlight;
        public int MaxInFlight;

        public TableProbe(string node, Func<string, int, TcpProbeResult> answer)
        {
            Node = node;
            _answer = answer;
        }

        public string Node { get; }

        public async Task<TcpProbeResult> ProbeAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _inFlight);
            lock (Asked) MaxInFlight = Math.Max(MaxInFlight, now);
            await Task.Yield();
            await Task.Delay(1, cancellationToken);
            Interlocked.Decrement(ref _inFlight);
            Asked.Add($"{host}:{port}");
            return _answer(host, port);
        }

        public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken) => throw new NotSupportedException();

        public void Dispose() { }
    }

    private sealed class CommandOnlyShell : IRemoteShell
    {
        public string Node => "n3";
        public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken) => throw new NotSupportedException();
        public void Dispose() { }
    }

    private static NodeSpec Node(string name, string host) => new NodeSpec { Name = name, Host = host };

    [Fact]
    public async Task Each_node_and_endpoint_gets_one_result_and_a_failure_names_node_peer_service_and_address()
    {
        var n1 = Node("n1", "10.0.0.1");
        var n2 = Node("n2", "10.0.0.2");
        var endpoints = new[]
        {
            new ConnectivityEndpoint("database", "mysql", "10.0.0.10", 3306),
            new ConnectivityEndpoint("kafka1", "kafka", "10.0.0.20", 9092),
        };
        var plan = new[] { new NodeEndpoints(n1, endpoints), new NodeEndpoints(n2, endpoints) };
        var shells = new Dictionary<string, IRemoteShell>
        {
            ["n1"] = new TableProbe("n1", (_, port) => TcpProbeResult.Open),
            ["n2"] = new TableProbe("n2", (_, port) => port == 9092 ? new TcpProbeResult(false, "refused") : TcpProbeResult.Open),
        };
        var results = await ConnectivityChecker.CheckAsync(plan, n => shells[n.Name], TimeSpan.FromSeconds(1), SilentReporter.Instance, CancellationToken.None);

        Assert.Equal(new[] { "n1 database True", "n1 kafka1 True", "n2 database True", "n2 kafka1 False" },
            results.Select(r => $"{r.Node} {r.Endpoint.Peer} {r.Reached}"));
        var failure = results.Single(r => !r.Reached);
        Assert.Equal(ConnectivityOutcome.Unreachable, failure.Outcome);
        Assert.Equal("n2 cannot reach kafka1 (kafka) at 10.0.0.20:9092: refused", failure.Message);
    }

    [Fact]
    public async Task A_node_ssh_cannot_reach_and_a_shell_that_cannot_probe_are_node_failures_for_each_endpoint()
    {
        var endpoints = new[] { new ConnectivityEndpoint("database", "mysql", "db", 3306), new ConnectivityEndpoint("n1", "https", "10.0.0.1", 9443) };
        var plan = new[] { new NodeEndpoints(Node("n2", "10.0.0.2"), endpoints), new NodeEndpoints(Node("n3", "10.0.0.3"), endpoints) };
        var shells = new Dictionary<string, IRemoteShell>
        {
            ["n2"] = new TableProbe("n2", (_, _) => throw new TcpProbeNodeException("ssh: connect to host 10.0.0.2 port 22: Connection refused")),
            ["n3"] = new CommandOnlyShell(),
        };
        var results = await ConnectivityChecker.CheckAsync(plan, n => shells[n.Name], TimeSpan.FromSeconds(1), SilentReporter.Instance, CancellationToken.None);

        Assert.Equal(4, results.Count);
        Assert.All(results, r => Assert.Equal(ConnectivityOutcome.NodeUnreachable, r.Outcome));
        Assert.StartsWith("n2 could not be reached over SSH, so database (mysql) at db:3306 was not checked: ssh: connect", results[0].Message);
        Assert.Contains("cannot open channels", results[2].Detail);
    }

    [Fact]
    public async Task A_node_never_has_more_than_four_probes_open_and_every_endpoint_is_asked_once()
    {
        var endpoints = Enumerable.Range(1, 20).Select(i => new ConnectivityEndpoint("p" + i, "https", "10.0.1." + i, 9443)).ToArray();
        var probe = new TableProbe("n1", (_, _) => TcpProbeResult.Open);
        var results = await ConnectivityChecker.CheckAsync(new[] { new NodeEndpoints(Node("n1", "10.0.0.1"), endpoints) }, _ => probe,
            TimeSpan.FromSeconds(1), SilentReporter.Instance, CancellationToken.None);

        Assert.Equal(20, results.Count);
        Assert.Equal(endpoints.Select(e => e.Address).OrderBy(a => a, StringComparer.Ordinal), probe.Asked.OrderBy(a => a, StringComparer.Ordinal));
        Assert.InRange(probe.MaxInFlight, 1, ConnectivityChecker.PerNodeParallelism);
        Assert.Equal(endpoints.Select(e => e.Peer), results.Select(r => r.Endpoint.Peer));
    }

    [Fact]
    public void The_openssh_probe_is_a_verbose_stdio_forward_over_the_runs_master_that_never_becomes_a_master()
    {
        var target = new SshTarget("node1", "10.77.0.11", "root", 2222);
        var args = OpenSshArguments.StdioForward(new SshConnectionOptions { ConfigFile = "/c" }, target, "/tmp/d/%C", "fd00::10", 4222);
        Assert.Equal(new[] { "ssh", "-F", "/c", "-l", "root", "-p", "2222", "-v", "-o", "BatchMode=yes", "-o", "ControlMaster=no", "-o", "ControlPath=/tmp/d/%C",
            "-W", "[fd00::10]:4222", "--", "10.77.0.11" }, args);
    }

    [Theory]
    [InlineData("10.77.0.10", 2181, new byte[] { 5, 1, 0, 1, 10, 77, 0, 10, 0x08, 0x85 })]
    [InlineData("kafka1", 9092, new byte[] { 5, 1, 0, 3, 6, (byte)'k', (byte)'a', (byte)'f', (byte)'k', (byte)'a', (byte)'1', 0x23, 0x84 })]
    public void The_sshnet_probe_asks_its_socks_forward_for_an_address_or_a_name_the_node_resolves(string host, int port, byte[] expected) =>
        Assert.Equal(expected, Socks5.Request(host, port));
}
