using System;
using System.IO;
using DasOps.Engine.Config;
using DasOps.Engine.Diagnostics;

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

    /// <summary>
    /// The engine's bad input (<see cref="InputException"/>, whatever its kind; the module maps the same list to error
    /// ids), a configuration the spec makes impossible to render, and local files that cannot be read or written.
    /// </summary>
    public static bool IsInvalidInput(Exception e) =>
        e is InputException || e is ConfigEditException || e is IOException || e is UnauthorizedAccessException;
}
