using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Ha;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Products.Sp;

/// <summary>
/// Test-DasHa for SP distributed: exactly one active manager, at least minResourceCount workers in its pool (each spec
/// worker by its carbon id; receiver workers, which no manager API lists, by their own log), and every distributed app
/// active with each group at its parallelism. The drill stops the
/// active manager and times the takeover, the workers' re-registration and the apps' return, then starts the old
/// manager and checks it rejoins as passive; a second drill stops one worker and times the move of its groups.
/// </summary>
internal sealed class SpHa : IProductHa
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    private readonly ClusterSpec _spec;
    private readonly SpTopology _topology;
    private readonly IProduct _product;

    public SpHa(ClusterSpec spec, SpTopology topology, IProduct product)
    {
        _spec = spec;
        _topology = topology;
        _product = product;
    }

    public async Task<IReadOnlyList<HaCheck>> VerifyAsync(Func<NodeSpec, IRemoteShell> shellFor, IOperationReporter reporter, CancellationToken cancellationToken)
    {
        var reader = new SpClusterReader(_topology, shellFor);
        var checks = new List<HaCheck>();
        reporter.Progress("Test HA", "asking every manager whether it is active", 10);
        var clock = Stopwatch.StartNew();
        var states = await reader.ManagerStatesAsync(_topology.Managers, cancellationToken).ConfigureAwait(false);
        foreach (var entry in states)
            checks.Add(new HaCheck(entry.Key.Name, "manager", entry.Value is "active" or "passive" ? CheckResult.Pass : CheckResult.Fail, entry.Value, clock.Elapsed));
        var active = states.Where(s => s.Value == "active").Select(s => s.Key).ToList();
        checks.Add(new HaCheck("cluster", "active-manager", active.Count == 1 ? CheckResult.Pass : CheckResult.Fail,
            active.Count == 1 ? $"{active[0].Name} is the active manager" : $"{active.Count} managers are active ({string.Join(", ", active.Select(a => a.Name))}); exactly one must be",
            clock.Elapsed));
        if (active.Count != 1) return checks;

        reporter.Progress("Test HA", "reading the resource pool and the apps", 50);
        checks.AddRange(await PoolChecksAsync(reader, active[0], shellFor, cancellationToken).ConfigureAwait(false));
        reporter.Progress("Test HA", "done", 100);
        return checks;
    }

    private async Task<IReadOnlyList<HaCheck>> PoolChecksAsync(SpClusterReader reader, NodeSpec active, Func<NodeSpec, IRemoteShell> shellFor,
        CancellationToken cancellationToken)
    {
        var checks = new List<HaCheck>();
        var clock = Stopwatch.StartNew();
        var registered = await reader.RegisteredWorkersAsync(active, cancellationToken).ConfigureAwait(false);
        foreach (var worker in _topology.ResourceWorkers)
        {
            var id = ClusterSpec.CarbonIdOf(worker);
            checks.Add(new HaCheck(worker.Name, "worker-registered", registered.Contains(id) ? CheckResult.Pass : CheckResult.Fail,
                registered.Contains(id) ? $"in {active.Name}'s resource pool as {id}" : $"{id} is not in {active.Name}'s resource pool", clock.Elapsed));
        }
        foreach (var receiver in _topology.ReceiverWorkers)
        {
            var (result, detail) = await SpReceiverLink.ReadAsync(_product, _spec, receiver, shellFor(receiver), cancellationToken).ConfigureAwait(false);
            checks.Add(new HaCheck(receiver.Name, "receiver-connected", result, detail, clock.Elapsed));
        }
        var min = _spec.StreamProcessor.MinResourceCount;
        checks.Add(new HaCheck("cluster", "min-resource-count", registered.Count >= min ? CheckResult.Pass : CheckResult.Fail,
            $"{registered.Count} resource node(s) registered, minResourceCount {min}", clock.Elapsed));
        var (tolerance, why) = WorkerLossTolerance(_topology.ResourceWorkers.Count, min);
        checks.Add(new HaCheck("cluster", "worker-loss-tolerance", tolerance, why, clock.Elapsed));
        foreach (var app in await reader.AppsAsync(active, cancellationToken).ConfigureAwait(false))
        {
            var belowParallel = app.Groups.Where(g => g.Workers.Count < g.Parallel).Select(g => $"{g.Name} {g.Workers.Count}/{g.Parallel}").ToList();
            var ok = app.Status == "active" && belowParallel.Count == 0;
            checks.Add(new HaCheck("cluster", "app " + app.Name, ok ? CheckResult.Pass : CheckResult.Fail,
                ok ? string.Join("; ", app.Groups.Select(g => $"{g.Name} x{g.Parallel} on {string.Join(",", g.Workers)}"))
                   : $"{app.Status}{(belowParallel.Count > 0 ? "; groups below their parallelism: " + string.Join(", ", belowParallel) : "")}", clock.Elapsed));
        }
        return checks;
    }

    public async Task<IReadOnlyList<HaCheck>> FailoverAsync(Func<NodeSpec, IRemoteShell> shellFor, ClusterLifecycle lifecycle, IOperationReporter reporter,
        TimeSpan promotionTimeout, CancellationToken cancellationToken)
    {
        var reader = new SpClusterReader(_topology, shellFor);
        var checks = new List<HaCheck>();
        var states = await reader.ManagerStatesAsync(_topology.Managers, cancellationToken).ConfigureAwait(false);
        var active = states.Where(s => s.Value == "active").Select(s => s.Key).ToList();
        if (active.Count != 1)
        {
            checks.Add(new HaCheck("cluster", "failover", CheckResult.Fail,
                $"the cluster is not in a state to fail over: {active.Count} active managers; run test-ha without --failover to see why", TimeSpan.Zero));
            return checks;
        }
        var victim = active[0];
        var appsBefore = await reader.AppsAsync(victim, cancellationToken).ConfigureAwait(false);
        if (!reporter.ShouldProcess(victim.Name, "stop the active manager and measure the takeover")) return checks;

        // Drill 1: the active manager goes.
        reporter.Progress("Failover drill", $"stopping the active manager {victim.Name}", 10);
        var clock = Stopwatch.StartNew();
        var stop = await lifecycle.For(victim).StopAsync(cancellationToken).ConfigureAwait(false);
        checks.Add(new HaCheck(victim.Name, "failover-stop", stop.Succeeded ? CheckResult.Pass : CheckResult.Fail, $"{stop.Outcome}: {stop.Detail}", stop.Duration));
        var others = _topology.Managers.Where(m => m != victim).ToList();
        var successor = await WaitAsync(async () =>
        {
            var now = await reader.ManagerStatesAsync(others, cancellationToken).ConfigureAwait(false);
            return now.Where(s => s.Value == "active").Select(s => s.Key).FirstOrDefault();
        }, promotionTimeout, cancellationToken).ConfigureAwait(false);
        checks.Add(new HaCheck(successor?.Name ?? "cluster", "manager-takeover", successor != null ? CheckResult.Pass : CheckResult.Fail,
            successor != null ? $"{successor.Name} became the active manager {clock.Elapsed.TotalSeconds:0.0} s after the stop"
                              : $"no other manager became active within {promotionTimeout.TotalSeconds:0} s", clock.Elapsed));
        if (successor != null)
            checks.AddRange(await WaitForPoolAsync(reader, shellFor, successor, appsBefore, "after the manager failover", clock, promotionTimeout, cancellationToken)
                .ConfigureAwait(false));

        reporter.Progress("Failover drill", $"starting {victim.Name} again", 40);
        var start = await lifecycle.For(victim).StartAsync(cancellationToken).ConfigureAwait(false);
        var rejoined = start.Succeeded ? await reader.ManagerStateAsync(victim, cancellationToken).ConfigureAwait(false) : start.Detail;
        checks.Add(new HaCheck(victim.Name, "manager-rejoin", rejoined == "passive" ? CheckResult.Pass : CheckResult.Fail,
            rejoined == "passive" ? "rejoined as passive" : $"did not rejoin as passive: {rejoined}", start.Duration));
        if (successor == null) return checks;

        // Drill 2: a worker that runs app groups goes; the leader moves them to the others.
        var runsApps = appsBefore.SelectMany(a => a.Groups).SelectMany(g => g.Workers).ToList();
        var worker = _topology.ResourceWorkers.FirstOrDefault(w => runsApps.Contains(ClusterSpec.CarbonIdOf(w))) ?? _topology.ResourceWorkers.FirstOrDefault();
        if (worker == null) return checks;
        if (WorkerLossTolerance(_topology.ResourceWorkers.Count, _spec.StreamProcessor.MinResourceCount) is { Result: CheckResult.Warn } cannot)
        {
            // Stopping it would only hold every app back: say so rather than break the cluster to prove it.
            checks.Add(new HaCheck(worker.Name, "worker-loss-redeploy", CheckResult.Warn, "not drilled: " + cannot.Detail, TimeSpan.Zero));
            return checks;
        }
        if (!reporter.ShouldProcess(worker.Name, "stop a worker and measure the redeployment of its groups")) return checks;
        reporter.Progress("Failover drill", $"stopping worker {worker.Name}", 70);
        var workerClock = Stopwatch.StartNew();
        var workerStop = await lifecycle.For(worker).StopAsync(cancellationToken).ConfigureAwait(false);
        checks.Add(new HaCheck(worker.Name, "worker-stop", workerStop.Succeeded ? CheckResult.Pass : CheckResult.Fail, $"{workerStop.Outcome}: {workerStop.Detail}", workerStop.Duration));
        var gone = ClusterSpec.CarbonIdOf(worker);
        var moved = await WaitAsync(async () =>
        {
            var apps = await reader.AppsAsync(successor, cancellationToken).ConfigureAwait(false);
            var done = apps.All(a => a.Status == "active" && a.Groups.All(g => !g.Workers.Contains(gone) && g.Workers.Count >= g.Parallel));
            return done ? apps : null;
        }, promotionTimeout, cancellationToken).ConfigureAwait(false);
        checks.Add(new HaCheck(worker.Name, "worker-loss-redeploy", moved != null ? CheckResult.Pass : CheckResult.Fail,
            moved != null ? $"its groups ran on the other workers {workerClock.Elapsed.TotalSeconds:0.0} s after the stop"
                          : $"its groups were not moved within {promotionTimeout.TotalSeconds:0} s", workerClock.Elapsed));
        var workerStart = await lifecycle.For(worker).StartAsync(cancellationToken).ConfigureAwait(false);
        checks.Add(new HaCheck(worker.Name, "worker-restart", workerStart.Succeeded ? CheckResult.Pass : CheckResult.Fail, $"{workerStart.Outcome}: {workerStart.Detail}", workerStart.Duration));
        reporter.Progress("Failover drill", "done", 100);
        return checks;
    }

    /// <summary>
    /// After a takeover: every resource worker back in the new leader's pool, every receiver worker connected to a leader
    /// (its log), and every app that ran before active again.
    /// </summary>
    private async Task<IReadOnlyList<HaCheck>> WaitForPoolAsync(SpClusterReader reader, Func<NodeSpec, IRemoteShell> shellFor, NodeSpec leader,
        IReadOnlyList<DeployedSiddhiApp> appsBefore, string when, Stopwatch clock, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ids = _topology.ResourceWorkers.Select(ClusterSpec.CarbonIdOf).ToList();
        var receivers = _topology.ReceiverWorkers;
        var back = await WaitAsync(async () =>
        {
            var registered = await reader.RegisteredWorkersAsync(leader, cancellationToken).ConfigureAwait(false);
            if (!ids.All(registered.Contains)) return null;
            foreach (var receiver in receivers)
                if ((await SpReceiverLink.ReadAsync(_product, _spec, receiver, shellFor(receiver), cancellationToken).ConfigureAwait(false)).Result == CheckResult.Fail) return null;
            return registered;
        }, timeout, cancellationToken).ConfigureAwait(false);
        var checks = new List<HaCheck>
        {
            new HaCheck("cluster", "workers-reregistered", back != null ? CheckResult.Pass : CheckResult.Fail,
                back != null ? $"all {ids.Count} resource workers registered with {leader.Name} and {receivers.Count} receiver worker(s) running, {clock.Elapsed.TotalSeconds:0.0} s after the stop"
                             : $"not every resource worker registered with {leader.Name}, or not every receiver worker running, within {timeout.TotalSeconds:0} s {when}", clock.Elapsed),
        };
        var names = appsBefore.Select(a => a.Name).ToList();
        var apps = await WaitAsync(async () =>
        {
            var now = await reader.AppsAsync(leader, cancellationToken).ConfigureAwait(false);
            return names.All(n => now.Any(a => a.Name == n && a.Status == "active")) ? now : null;
        }, timeout, cancellationToken).ConfigureAwait(false);
        checks.Add(new HaCheck("cluster", "apps-after-failover", apps != null ? CheckResult.Pass : CheckResult.Fail,
            apps != null ? $"{names.Count} app(s) active on {leader.Name}'s workers {clock.Elapsed.TotalSeconds:0.0} s after the stop"
                         : $"not every app was active again within {timeout.TotalSeconds:0} s {when}", clock.Elapsed));
        return checks;
    }

    /// <summary>
    /// Whether the pool survives the loss of one resource worker: the leader deploys (and redeploys) apps only while at
    /// least minResourceCount resource workers remain; receiver workers do not count.
    /// </summary>
    internal static (CheckResult Result, string Detail) WorkerLossTolerance(int resourceWorkers, int minResourceCount) =>
        resourceWorkers - 1 >= minResourceCount
            ? (CheckResult.Pass, $"{resourceWorkers} resource workers, minResourceCount {minResourceCount}: the apps survive the loss of one worker")
            : (CheckResult.Warn, $"{resourceWorkers} resource worker(s) and minResourceCount {minResourceCount}: after losing one, SP holds every app back until it returns (add a worker or lower minResourceCount)");

    /// <summary>Polls until <paramref name="probe"/> returns a value; a node that does not answer yet counts as "not yet".</summary>
    private static async Task<T?> WaitAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, CancellationToken cancellationToken) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await probe().ConfigureAwait(false) is { } value) return value;
            }
            catch (LifecycleException)
            {
            }
            if (clock.Elapsed > timeout) return null;
            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }
}
