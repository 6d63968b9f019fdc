using System;
using System.Collections.Generic;
using System.Diagnostics;
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
/// Test-DasHa -Failover: proves HA by doing it. Stops the node holding the CEP Active role (and the ALIVE Spark
/// master, when another node holds it), measures the seconds until a standby takes each role over, starts the
/// stopped nodes again and checks that they rejoin as Passive / STANDBY.
/// </summary>
public sealed class FailoverDrill
{
    private readonly ClusterSpec _spec;
    private readonly Func<NodeSpec, IRemoteShell> _shellFor;
    private readonly IOperationReporter _reporter;
    private readonly HaVerifier _verifier;
    private readonly ClusterLifecycle _lifecycle;
    private readonly DasProduct _product;

    public FailoverDrill(ClusterSpec spec, Func<NodeSpec, IRemoteShell> shellFor, ClusterLifecycle lifecycle, IOperationReporter? reporter = null)
    {
        _spec = spec;
        _shellFor = shellFor;
        _lifecycle = lifecycle;
        _reporter = reporter ?? SilentReporter.Instance;
        _verifier = new HaVerifier(spec, shellFor, _reporter);
        _product = DasProduct.Of(spec);
    }

    public TimeSpan PromotionTimeout { get; set; } = TimeSpan.FromSeconds(90);

    public async Task<IReadOnlyList<HaCheck>> RunAsync(CancellationToken cancellationToken)
    {
        var checks = new List<HaCheck>();
        var topology = _product.Topology;
        var runtimes = await ProbeAllAsync(topology.DasNodes, 0, cancellationToken).ConfigureAwait(false);
        var spark = await _verifier.ReadSparkAsync(runtimes, cancellationToken).ConfigureAwait(false);
        var cepGroups = _verifier.CepGroups();
        var cepActive = cepGroups.Select(g => g.FirstOrDefault(n => runtimes.TryGetValue(n, out var r) && r.Alive && r.CepState == "Active")).ToList();
        var sparkAlive = spark.Where(s => s.Value == "ALIVE").Select(s => s.Key).FirstOrDefault();

        if (cepActive.Any(a => a == null) || sparkAlive == null)
        {
            checks.Add(new HaCheck("cluster", "failover", CheckResult.Fail,
                "the cluster is not in a state to fail over: it needs a CEP Active node in each HA group and an ALIVE Spark master; run test-ha without --failover to see why", TimeSpan.Zero));
            return checks;
        }
        var victims = cepActive.Select(a => a!).Concat(new[] { sparkAlive }).Distinct().ToList();
        if (!_reporter.ShouldProcess(string.Join(", ", victims.Select(v => v.Name)), "stop the active node(s) and measure failover"))
            return checks;

        // Offsets so that only lines written after the stop count as a takeover.
        var marks = runtimes.ToDictionary(r => r.Key, r => r.Value.LogSize);
        var stopClock = Stopwatch.StartNew();
        // All at once (parallelism = victims): the takeover is timed from one moment, not from a staggered stop.
        var stops = await ParallelNodes.RunAsync(victims, victims.Count, null, _reporter, v => _lifecycle.For(v).StopAsync(cancellationToken),
            (_, fault) => fault.Rethrow<NodeActionResult>(), cancellationToken).ConfigureAwait(false);
        foreach (var stop in stops)
            checks.Add(new HaCheck(stop.Node, "failover-stop", stop.Succeeded ? CheckResult.Pass : CheckResult.Fail, $"{stop.Outcome}: {stop.Detail}", stop.Duration));
        var stoppedAt = stopClock.Elapsed;

        var waits = new List<Task<HaCheck>>();
        foreach (var (group, active) in cepGroups.Zip(cepActive, (g, a) => (g, a!)))
            waits.Add(WaitForCepAsync(group.Where(n => !victims.Contains(n)).ToList(), active, marks, stopClock, cancellationToken));
        waits.Add(WaitForSparkAsync(topology.SparkNodes.Where(n => !victims.Contains(n)).ToList(), sparkAlive, stopClock, cancellationToken));
        checks.AddRange(await Task.WhenAll(waits).ConfigureAwait(false));

        _reporter.Progress("Failover drill", "starting the stopped node(s) again", 70);
        var starts = await _lifecycle.StartAsync(victims, cancellationToken).ConfigureAwait(false);
        foreach (var start in starts)
            checks.Add(new HaCheck(start.Node, "failover-restart", start.Outcome == NodeOutcome.Started ? CheckResult.Pass : CheckResult.Fail, $"{start.Outcome}: {start.Detail}", start.Duration));
        checks.AddRange(await WaitForRejoinAsync(victims, topology, cepGroups, cancellationToken).ConfigureAwait(false));
        _reporter.Verbose($"stop took {stoppedAt.TotalSeconds:0.0} s");
        return checks;
    }

    private async Task<HaCheck> WaitForCepAsync(IReadOnlyList<NodeSpec> candidates, NodeSpec oldActive, IReadOnlyDictionary<NodeSpec, long> marks, Stopwatch clock, CancellationToken cancellationToken)
    {
        while (clock.Elapsed < PromotionTimeout)
        {
            foreach (var node in candidates)
            {
                if (!marks.TryGetValue(node, out var mark)) continue;
                var runtime = await NodeProbe.ReadAsync(_shellFor(node), _product, node, _spec.HomeOf(node), mark, null, cancellationToken).ConfigureAwait(false);
                if (runtime.Lines.Any(l => LogMarkers.CepActive.IsMatch(l)))
                    return new HaCheck(node.Name, "failover-cep", CheckResult.Pass, $"became CEP Active {clock.Elapsed.TotalSeconds:0.0} s after {oldActive.Name} was stopped", clock.Elapsed);
            }
            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
        return new HaCheck("cluster", "failover-cep", CheckResult.Fail, $"no node became CEP Active within {PromotionTimeout.TotalSeconds:0} s of stopping {oldActive.Name}", clock.Elapsed);
    }

    private async Task<HaCheck> WaitForSparkAsync(IReadOnlyList<NodeSpec> candidates, NodeSpec oldAlive, Stopwatch clock, CancellationToken cancellationToken)
    {
        while (clock.Elapsed < PromotionTimeout)
        {
            foreach (var node in candidates)
            {
                if (await SparkProbe.ReadNodeAsync(_spec, node, _shellFor(node), cancellationToken).ConfigureAwait(false) == "ALIVE")
                    return new HaCheck(node.Name, "failover-spark", CheckResult.Pass, $"Spark master ALIVE {clock.Elapsed.TotalSeconds:0.0} s after {oldAlive.Name} was stopped", clock.Elapsed);
            }
            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
        return new HaCheck("cluster", "failover-spark", CheckResult.Fail, $"no Spark master became ALIVE within {PromotionTimeout.TotalSeconds:0} s of stopping {oldAlive.Name}", clock.Elapsed);
    }

    /// <summary>The restarted nodes must come back as followers: CEP Passive/Backup and Spark STANDBY, never a second leader.</summary>
    private async Task<IEnumerable<HaCheck>> WaitForRejoinAsync(IReadOnlyList<NodeSpec> restarted, DasTopology topology,
        IReadOnlyList<IReadOnlyList<NodeSpec>> cepGroups, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var results = new List<HaCheck>();
        foreach (var node in restarted)
        {
            string? cep = null, sparkState = null;
            var wantsCep = cepGroups.Any(g => g.Contains(node));
            var wantsSpark = topology.RunsSpark(node) && _spec.Spark.MasterCount > 1;
            while (clock.Elapsed < PromotionTimeout)
            {
                var runtime = await NodeProbe.ReadAsync(_shellFor(node), _product, node, _spec.HomeOf(node), 0, null, cancellationToken).ConfigureAwait(false);
                cep = runtime.CepState;
                sparkState = wantsSpark ? await SparkProbe.ReadNodeAsync(_spec, node, _shellFor(node), cancellationToken).ConfigureAwait(false) : null;
                if ((!wantsCep || cep != null) && (!wantsSpark || sparkState != null)) break;
                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
            var ok = (!wantsCep || cep == "Passive" || cep == "Backup") && (!wantsSpark || sparkState == "STANDBY");
            results.Add(new HaCheck(node.Name, "failover-rejoin", ok ? CheckResult.Pass : CheckResult.Fail,
                $"rejoined as CEP {cep ?? "-"}, Spark {sparkState ?? "-"}", clock.Elapsed));
        }
        return results;
    }

    /// <summary>Probes every node; one that cannot be read is left out (the drill then finds no role on it).</summary>
    private async Task<Dictionary<NodeSpec, NodeRuntime>> ProbeAllAsync(IEnumerable<NodeSpec> nodes, long offset, CancellationToken cancellationToken)
    {
        var list = nodes.ToList();
        var runtimes = await ParallelNodes.RunAsync(list, PublishOptions.DefaultParallelism, null, _reporter,
            async n => (NodeRuntime?)await NodeProbe.ReadAsync(_shellFor(n), _product, n, _spec.HomeOf(n), offset, null, cancellationToken).ConfigureAwait(false),
            (_, fault) => fault.IsLifecycle ? null : fault.Rethrow<NodeRuntime?>(), cancellationToken).ConfigureAwait(false);
        return list.Zip(runtimes, (n, r) => (n, r)).Where(p => p.r != null).ToDictionary(p => p.n, p => p.r!);
    }
}
