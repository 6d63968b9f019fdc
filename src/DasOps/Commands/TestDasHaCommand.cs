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
        var timeout = TimeSpan.FromSeconds(TimeoutSeconds);
        var checks = RunOperation(Format(Failover ? Strings.ActivityFailover : Strings.ActivityHa, spec.Name), null, (reporter, token) =>
            new HaTest(spec, connections.ShellFor, reporter)
            {
                Failover = Failover,
                Timeout = timeout,
                // The drill asks once; its own stops and restarts then proceed without asking again.
                Lifecycle = new ClusterLifecycle(spec, connections.ShellFor, new ApprovedReporter(reporter)) { StartTimeout = timeout },
            }.RunAsync(token));
        Emit(checks);
        var notAttempted = checks.FirstOrDefault(c => c.Check == "failover" && c.Result == CheckResult.Fail);
        if (notAttempted != null)
            WriteError(DasErrors.HaNotReady(spec.Name, checks.Count(c => c.Result == CheckResult.Fail) - 1));
        return checks.All(c => c.Result != CheckResult.Fail);
    }

    private void Emit(IEnumerable<HaCheck> checks)
    {
        if (Quiet) return;
        foreach (var check in checks) WriteObject(new DasHaCheck(check));
    }
}
