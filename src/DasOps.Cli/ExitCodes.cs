namespace DasOps.Cli;

/// <summary>Exit codes schedulers can act on.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The operation ran and at least one node failed.</summary>
    public const int Failed = 1;

    /// <summary>Bad input: spec errors, unknown node, missing secret. Nothing was changed.</summary>
    public const int InvalidInput = 2;

    /// <summary>`plan` found live files that differ from the spec.</summary>
    public const int Drift = 3;
}
