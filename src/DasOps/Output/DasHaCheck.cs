using System;
using DasOps.Engine.Ha;
using DasOps.Internal;

namespace DasOps;

/// <summary>One check of Test-DasHa: which node (or "cluster"), what was checked, the verdict and why.</summary>
public sealed class DasHaCheck
{
    internal DasHaCheck(HaCheck check)
    {
        Node = check.Node;
        Check = check.Check;
        Result = EnumMap.ToModule<DasCheckResult>(check.Result);
        Detail = check.Detail;
        Duration = check.Duration;
    }

    /// <summary>A node name, or "cluster" for checks across nodes.</summary>
    public string Node { get; }

    /// <summary>ssh, process, ports, members, symlink, database, spark-masters, cep-ha; with -Failover also failover-stop, failover-cep, failover-spark, failover-restart, failover-rejoin.</summary>
    public string Check { get; }

    public DasCheckResult Result { get; }

    public string Detail { get; }

    /// <summary>How long the check took; for the failover checks, the measured time until a standby took over.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The check did not fail (a warning passes).</summary>
    public bool Passed => Result != DasCheckResult.Fail;

    public override string ToString() => $"{Node} {Check}: {Result}";
}
