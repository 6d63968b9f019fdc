using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DasOps.TestLab;

/// <summary>
/// Runs tests/lab/lab.sh (or another program the lab tests need) with one timeout and one error shape: the command,
/// its exit code and both of its outputs. The caller holds `flock /run/dasops-lab-tests.lock`: one lab per machine.
/// </summary>
public static class LabScript
{
    /// <summary>Long enough for `up 16` on the shared 2-core machine (about 20 s) with room to spare.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    [DllImport("libc")]
    private static extern uint geteuid();

    /// <summary>Fails with the reason when not root: lab tests are never skipped, they fail loudly.</summary>
    public static void RequireRoot()
    {
        if (geteuid() != 0)
            throw new InvalidOperationException("the lab tests need root (network namespaces, one sshd per host); run them as root. They are never skipped.");
    }

    /// <summary>lab.sh with these arguments; its stdout.</summary>
    public static string Run(params string[] args) => Run(null, args);

    public static string Run(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var all = new List<string> { SourceTree.LabScript };
        all.AddRange(args);
        return RunProgram("bash", environment, DefaultTimeout, all.ToArray());
    }

    /// <summary>Any program, run the same way (stdin closed); its stdout, or an exception naming it with both outputs.</summary>
    public static string RunProgram(string file, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo(file);
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (environment != null)
            foreach (var pair in environment) psi.Environment[pair.Key] = pair.Value;
        var shown = file + " " + string.Join(" ", args);
        ProgramResult result;
        try
        {
            result = ProgramRun.Run(psi, timeout, shown, closeInput: true);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"{shown} did not finish within {timeout.TotalSeconds:0} s.");
        }
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{shown} failed (exit {result.ExitCode}):\n{result.Stderr}\n{result.Stdout}");
        return result.Stdout;
    }
}
