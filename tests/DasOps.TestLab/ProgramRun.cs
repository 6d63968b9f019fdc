using System;
using System.Diagnostics;

namespace DasOps.TestLab;

/// <summary>What a program left when it ended: its exit code and both outputs.</summary>
public sealed record ProgramResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>stdout then stderr, as the tests show a launcher's or a tool's output.</summary>
    public string Output => Stdout + Stderr;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}

/// <summary>
/// Runs a program to its end with both outputs captured, read as they come so that neither pipe can fill and stall it:
/// the one way the test projects run launchers, installers and tools. The caller sets up the rest (arguments,
/// environment, working directory).
/// </summary>
public static class ProgramRun
{
    /// <summary>
    /// Waits without a limit when <paramref name="timeout"/> is null; otherwise kills the process tree and throws
    /// <see cref="TimeoutException"/> naming <paramref name="what"/>. With <paramref name="closeInput"/> the program's
    /// stdin is an empty pipe instead of the test host's.
    /// </summary>
    public static ProgramResult Run(ProcessStartInfo start, TimeSpan? timeout = null, string? what = null, bool closeInput = false)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = closeInput;
        using var process = Process.Start(start)!;
        if (closeInput) process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (timeout is { } limit && !process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what ?? start.FileName} did not return within {limit}");
        }
        process.WaitForExit();
        return new ProgramResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
