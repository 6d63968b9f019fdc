using System;

namespace DasOps.Engine.Ha;

public enum CheckResult
{
    Pass,
    Warn,
    Fail,
}

/// <summary>One check of Test-DasHa / `dasops test-ha`: which node, what was checked, the verdict and why.</summary>
public sealed class HaCheck
{
    public HaCheck(string node, string check, CheckResult result, string detail, TimeSpan duration)
    {
        Node = node;
        Check = check;
        Result = result;
        Detail = detail;
        Duration = duration;
    }

    /// <summary>A node name, or "cluster" for checks across nodes.</summary>
    public string Node { get; }

    public string Check { get; }
    public CheckResult Result { get; }
    public string Detail { get; }

    /// <summary>How long the check took; for failover checks, the measured time to promotion.</summary>
    public TimeSpan Duration { get; }

    public override string ToString() => $"{Node,-10} {Check,-16} {Result,-4} {Duration.TotalSeconds,6:0.00}s  {Detail}";
}
