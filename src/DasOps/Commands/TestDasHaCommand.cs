using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DasOps.Engine.Ha;
using DasOps.Engine.Lifecycle;
using DasOps.Internal;

namespace DasOps.Commands;

/// <summary>
/// Test-DasHa: checks the running cluster's HA (ssh, process, ports, Hazelcast members, Spark symlink, database
/// reachability, one ALIVE Spark master with a STANDBY, CEP Active/Passive) and outputs one DasHaCheck per check;
/// with -Failover it then proves HA by stopping the active node(s), measuring the takeover and restarting them, like
/// <c>dasops test-ha --failover</c>. With -Quiet, one bool per cluster: true when no check failed.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "DasHa", SupportsShouldProcess = true, DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(DasHaCheck))]
[OutputType(typeof(bool))]
public sealed class TestDasHaCommand : DasRemoteCmdlet
{
    private const string DefaultSet = "Default";

    /// <summary>Also run the failover drill; it stops and restarts nodes, so it asks ShouldProcess first.</summary>
    [Parameter]
    public SwitchParameter Failover { get; set; }

    /// <summary>Output only $true (no check failed) or $false, once per cluster.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <summary>Seconds to wait for a standby to take over, and for a stopped node to be ready again.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSeconds { get; set; } = 120;

    private protected override void ProcessCluster(DasCluster cluster, IReadOnlyList<string>? nodes)
    {
        var passed = false;
        Guarded(cluster, () => passed = Check(cluster));
        if (Quiet) WriteObject(passed);
    }

    /// <summary>Runs the checks (and the drill) and outputs them; true when none failed.</summary>
    private bool Check(DasCluster cluster)
    {
        var spec = cluster.Spec;
        using var connections = Connect(spec);
        if (connections == null) return false;
        var checks = RunOperation(Format(Strings.ActivityHa, spec.Name), null, (reporter, token) =>
            new HaVerifier(spec, connections.ShellFor, reporter).VerifyAsync(token));
        Emit(checks);
        var failed = checks.Count(c => c.Result == CheckResult.Fail);
        if (!Failover) return failed == 0;
        if (failed > 0)
        {
            // As `dasops test-ha --failover`: stopping nodes of a cluster that is already unhealthy proves nothing.
            WriteError(DasErrors.HaNotReady(spec.Name, failed));
            return false;
        }
        var timeout = TimeSpan.FromSeconds(TimeoutSeconds);
        var drill = RunOperation(Format(Strings.ActivityFailover, spec.Name), null, (reporter, token) =>
        {
            var lifecycle = new ClusterLifecycle(spec, connections.ShellFor, new ApprovedReporter(reporter)) { StartTimeout = timeout };
            return new FailoverDrill(spec, connections.ShellFor, lifecycle, reporter) { PromotionTimeout = timeout }.RunAsync(token);
        });
        Emit(drill);
        return drill.All(c => c.Result != CheckResult.Fail);
    }

    private void Emit(IEnumerable<HaCheck> checks)
    {
        if (Quiet) return;
        foreach (var check in checks) WriteObject(new DasHaCheck(check));
    }
}
