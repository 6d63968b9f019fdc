using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Products;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Ha;

/// <summary>
/// Test-DasHa / `dasops test-ha` as one operation: the checks, and with <see cref="Failover"/> the drill. Before a
/// drill it gives a freshly started cluster a bounded time to settle (CEP roles and the Spark election follow the
/// start line by a few seconds), and it never stops nodes of a cluster that still fails a check: that proves nothing.
/// </summary>
public sealed class HaTest
{
    private readonly ClusterSpec _spec;
    private readonly Func<NodeSpec, IRemoteShell> _shellFor;
    private readonly IOperationReporter _reporter;

    public HaTest(ClusterSpec spec, Func<NodeSpec, IRemoteShell> shellFor, IOperationReporter? reporter = null)
    {
        _spec = spec;
        _shellFor = shellFor;
        _reporter = reporter ?? SilentReporter.Instance;
    }

    public bool Failover { get; set; }

    /// <summary>How long a takeover or the restart of a stopped node may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How long to wait for every check to pass before a drill.</summary>
    public TimeSpan SettleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The lifecycle the drill stops and starts nodes with; the front end may pass one whose ShouldProcess is already answered.</summary>
    public ClusterLifecycle? Lifecycle { get; set; }

    public async Task<IReadOnlyList<HaCheck>> RunAsync(CancellationToken cancellationToken)
    {
        var ha = ProductCatalog.For(_spec).Ha;
        var checks = await ha.VerifyAsync(_shellFor, _reporter, cancellationToken).ConfigureAwait(false);
        if (!Failover) return checks;

        var settle = System.Diagnostics.Stopwatch.StartNew();
        while (checks.Any(c => c.Result == CheckResult.Fail) && settle.Elapsed < SettleTimeout)
        {
            _reporter.Progress("Failover drill", "waiting for the cluster to settle before failing over", 5);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            checks = await ha.VerifyAsync(_shellFor, _reporter, cancellationToken).ConfigureAwait(false);
        }
        var failed = checks.Count(c => c.Result == CheckResult.Fail);
        if (failed > 0)
        {
            return checks.Concat(new[]
            {
                new HaCheck("cluster", "failover", CheckResult.Fail,
                    $"not attempted: {failed} check(s) still fail after {SettleTimeout.TotalSeconds:0} s; stopping nodes of an unhealthy cluster proves nothing", settle.Elapsed),
            }).ToList();
        }
        var lifecycle = Lifecycle ?? new ClusterLifecycle(_spec, _shellFor, _reporter) { StartTimeout = Timeout };
        var drill = await ha.FailoverAsync(_shellFor, lifecycle, _reporter, Timeout, cancellationToken).ConfigureAwait(false);
        return checks.Concat(drill).ToList();
    }
}
