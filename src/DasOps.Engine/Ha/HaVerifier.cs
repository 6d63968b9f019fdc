using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Products.Das;
using DasOps.Engine.Publishing;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Ha;

/// <summary>
/// Test-DasHa without -Failover for DAS / IS Analytics: reads the running cluster (processes, ports, logs, Spark /json)
/// and judges it against the spec. Every check is one record; nothing on the nodes changes. DAS-specific: the engine
/// reaches it through <see cref="Products.IProduct.Ha"/>.
/// </summary>
public sealed class HaVerifier
{
    private const string DatabaseProbe = @"host=$1; port=$2
if command -v nc >/dev/null 2>&1; then nc -z -w 3 ""$host"" ""$port""
else timeout 3 bash -c 'exec 3<>""/dev/tcp/$0/$1""' ""$host"" ""$port""
fi";

    private readonly ClusterSpec _spec;
    private readonly Func<NodeSpec, IRemoteShell> _shellFor;
    private readonly IOperationReporter _reporter;
    private readonly DasProduct _product;
    private readonly DasTopology _topology;

    public HaVerifier(ClusterSpec spec, Func<NodeSpec, IRemoteShell> shellFor, IOperationReporter? reporter = null)
    {
        _spec = spec;
        _shellFor = shellFor;
        _reporter = reporter ?? SilentReporter.Instance;
        _product = DasProduct.Of(spec);
        _topology = _product.Topology;
    }

    public async Task<IReadOnlyList<HaCheck>> VerifyAsync(CancellationToken cancellationToken)
    {
        var nodes = _topology.DasNodes.ToList();
        // CheckNodeAsync turns what a node answers into checks; anything else (cancellation, a bug) ends the run.
        var perNode = await ParallelNodes.RunAsync<(NodeSpec Node, NodeRuntime? Runtime, List<HaCheck> Checks)>(nodes, PublishOptions.DefaultParallelism, null, _reporter,
            n => CheckNodeAsync(n, cancellationToken), (_, fault) => fault.Rethrow<(NodeSpec Node, NodeRuntime? Runtime, List<HaCheck> Checks)>(), cancellationToken).ConfigureAwait(false);
        var checks = perNode.SelectMany(r => r.Checks).ToList();
        var runtimes = perNode.Where(r => r.Runtime != null).ToDictionary(r => r.Node, r => r.Runtime!);
        checks.Add(await CheckSparkAsync(runtimes, cancellationToken).ConfigureAwait(false));
        checks.AddRange(CheckCep(runtimes));
        return checks;
    }

    private async Task<(NodeSpec Node, NodeRuntime? Runtime, List<HaCheck> Checks)> CheckNodeAsync(NodeSpec node, CancellationToken cancellationToken)
    {
        var checks = new List<HaCheck>();
        var shell = _shellFor(node);
        var clock = Stopwatch.StartNew();
        _reporter.NodeProgress(node.Name, "checking", 10);
        var ssh = await shell.RunAsync(new RemoteCommand(new[] { "true" }, timeout: TimeSpan.FromSeconds(30), description: "ssh check"), cancellationToken).ConfigureAwait(false);
        if (!ssh.Succeeded)
        {
            checks.Add(new HaCheck(node.Name, "ssh", CheckResult.Fail, "unreachable: " + ssh.StandardError.Trim(), clock.Elapsed));
            foreach (var name in new[] { "process", "ports", "members", "database" })
                checks.Add(new HaCheck(node.Name, name, CheckResult.Fail, "not checked: the node is unreachable", TimeSpan.Zero));
            return (node, null, checks);
        }
        checks.Add(new HaCheck(node.Name, "ssh", CheckResult.Pass, $"{_spec.SshUserOf(node)}@{node.EffectiveSshHost} answers", clock.Elapsed));

        clock.Restart();
        NodeRuntime runtime;
        try
        {
            runtime = await NodeProbe.ReadAsync(shell, _product, node, _spec.HomeOf(node), 0, _spec.SparkSymlinkOf(node), cancellationToken).ConfigureAwait(false);
        }
        catch (LifecycleException e)
        {
            // The node answered ssh but its probe failed (it went away, or the home is broken): its checks fail, the others go on.
            foreach (var name in new[] { "process", "ports", "members", "database" })
                checks.Add(new HaCheck(node.Name, name, CheckResult.Fail, "not checked: " + e.Message, clock.Elapsed));
            return (node, null, checks);
        }
        var probeTime = clock.Elapsed;
        checks.Add(runtime.Alive && runtime.Started
            ? new HaCheck(node.Name, "process", CheckResult.Pass, $"pid {runtime.Pid}, started", probeTime)
            : runtime.Alive
                ? new HaCheck(node.Name, "process", CheckResult.Warn, $"pid {runtime.Pid} is alive but has not logged 'WSO2 Carbon started' yet", probeTime)
                : new HaCheck(node.Name, "process", CheckResult.Fail, runtime.Pid != null ? $"not running (stale pid file names {runtime.Pid})" : "not running", probeTime));

        var expected = NodePorts.ExpectedOf(_spec, node, _topology.RunsCepHa(node));
        var closed = expected.Where(p => !runtime.Listening.Contains(p.Port)).ToList();
        checks.Add(closed.Count == 0
            ? new HaCheck(node.Name, "ports", CheckResult.Pass, string.Join(", ", expected.Select(p => $"{p.Name} {p.Port}")), probeTime)
            : new HaCheck(node.Name, "ports", CheckResult.Fail, "not listening: " + string.Join(", ", closed.Select(p => $"{p.Name} {p.Port}")), probeTime));

        var cluster = _topology.ClusterOf(node);
        var members = runtime.MemberCount;
        checks.Add(members == cluster.Count
            ? new HaCheck(node.Name, "members", CheckResult.Pass, $"{members} of {cluster.Count} members ({string.Join(", ", cluster.Select(n => n.Name))})", probeTime)
            : new HaCheck(node.Name, "members", CheckResult.Fail,
                $"{(members?.ToString(CultureInfo.InvariantCulture) ?? "no")} member(s) in this node's Hazelcast cluster; expected {cluster.Count} ({string.Join(", ", cluster.Select(n => n.Name))}). " +
                $"Check the WKA members in axis2.xml and that port {_spec.HazelcastPortOf(node)} is reachable.", probeTime));

        if (_topology.RunsSpark(node) && _spec.SparkSymlinkOf(node) is { } link)
        {
            checks.Add(runtime.SymlinkTarget != null && runtime.SymlinkTarget == runtime.Home
                ? new HaCheck(node.Name, "symlink", CheckResult.Pass, $"{link} -> {runtime.SymlinkTarget}", probeTime)
                : new HaCheck(node.Name, "symlink", CheckResult.Fail,
                    runtime.SymlinkTarget == null ? $"{link} does not resolve (carbon.das.symbolic.link); Spark cannot build its classpath" : $"{link} resolves to {runtime.SymlinkTarget}, not the product home {runtime.Home}", probeTime));
        }

        clock.Restart();
        var db = _spec.Database;
        var reach = await shell.RunAsync(RemoteCommand.Script(DatabaseProbe, new[] { db.Host, db.Port.ToString(CultureInfo.InvariantCulture) },
            timeout: TimeSpan.FromSeconds(15), description: "database reachability"), cancellationToken).ConfigureAwait(false);
        checks.Add(reach.Succeeded
            ? new HaCheck(node.Name, "database", CheckResult.Pass, $"{db.Host}:{db.Port} accepts connections from {node.Host}", clock.Elapsed)
            : new HaCheck(node.Name, "database", CheckResult.Fail, $"{db.Host}:{db.Port} does not accept connections from {node.Name}: {reach.StandardError.Trim()}".TrimEnd(' ', ':'), clock.Elapsed));
        _reporter.NodeProgress(node.Name, "checked", 100, completed: true);
        return (node, runtime, checks);
    }

    /// <summary>Exactly one ALIVE Spark master, and a STANDBY when the spec asks for more than one master.</summary>
    private async Task<HaCheck> CheckSparkAsync(IReadOnlyDictionary<NodeSpec, NodeRuntime> runtimes, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var states = await ReadSparkAsync(runtimes, cancellationToken).ConfigureAwait(false);
        var alive = states.Where(s => s.Value == "ALIVE").Select(s => s.Key.Name).ToList();
        var standby = states.Where(s => s.Value == "STANDBY").Select(s => s.Key.Name).ToList();
        var summary = $"ALIVE: {(alive.Count == 0 ? "none" : string.Join(", ", alive))}; STANDBY: {(standby.Count == 0 ? "none" : string.Join(", ", standby))}";
        var ok = alive.Count == 1 && (_spec.Spark.MasterCount < 2 || standby.Count >= 1);
        return new HaCheck("cluster", "spark-masters", ok ? CheckResult.Pass : CheckResult.Fail, summary, clock.Elapsed);
    }

    internal async Task<Dictionary<NodeSpec, string>> ReadSparkAsync(IReadOnlyDictionary<NodeSpec, NodeRuntime> runtimes, CancellationToken cancellationToken)
    {
        var states = new Dictionary<NodeSpec, string>();
        foreach (var (node, runtime) in runtimes.Where(r => r.Value.Alive && _topology.RunsSpark(r.Key)).Select(r => (r.Key, r.Value)))
        {
            try
            {
                if (await SparkProbe.ReadNodeAsync(_spec, node, _shellFor(node), cancellationToken).ConfigureAwait(false) is { } status) states[node] = status;
            }
            catch (NodeUnreachableException)
            {
                // counted as no master there; the node's own ssh check reports the outage
            }
        }
        return states;
    }

    /// <summary>In every Hazelcast cluster whose nodes run CEP HA: one Active and at least one Passive.</summary>
    private IEnumerable<HaCheck> CheckCep(IReadOnlyDictionary<NodeSpec, NodeRuntime> runtimes)
    {
        foreach (var group in CepGroups())
        {
            var states = group.Select(n => (Node: n, State: runtimes.TryGetValue(n, out var r) && r.Alive ? r.CepState : null)).ToList();
            var active = states.Where(s => s.State == "Active").Select(s => s.Node.Name).ToList();
            var passive = states.Where(s => s.State == "Passive").Select(s => s.Node.Name).ToList();
            var ok = active.Count == 1 && passive.Count >= 1;
            var label = group.Count == _topology.DasNodes.Count() ? "cep-ha" : $"cep-ha ({group[0].Name}..)";
            yield return new HaCheck("cluster", label, ok ? CheckResult.Pass : CheckResult.Fail,
                $"Active: {(active.Count == 0 ? "none" : string.Join(", ", active))}; Passive: {(passive.Count == 0 ? "none" : string.Join(", ", passive))}", TimeSpan.Zero);
        }
    }

    /// <summary>The Hazelcast clusters that hold CEP HA workers (presenter-only nodes do not take part).</summary>
    internal IReadOnlyList<IReadOnlyList<NodeSpec>> CepGroups() =>
        _topology.DasNodes.Select(n => _topology.ClusterOf(n).Where(m => !_topology.IsPresenter(m)).ToList())
            .Where(g => g.Count > 1)
            .GroupBy(g => string.Join(",", g.Select(n => n.Name))).Select(g => (IReadOnlyList<NodeSpec>)g.First()).ToList();
}
