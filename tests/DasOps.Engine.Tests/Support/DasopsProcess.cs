using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace DasOps.Engine.Tests.Support;

/// <summary>Runs the real `dasops` (built beside the tests) as a process, as an operator would.</summary>
public static class DasopsProcess
{
    public sealed record Result(int ExitCode, string Out, string Err);

    public static Result Run(IEnumerable<string> args, IDictionary<string, string?>? env = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(System.AppContext.BaseDirectory, "dasops.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (workingDirectory != null) psi.WorkingDirectory = workingDirectory;
        psi.Environment.Remove("DASOPS_DB_PASSWORD");
        psi.Environment.Remove("DASOPS_SVN_PASSWORD");
        if (env != null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return new Result(p.ExitCode, stdout.Result, stderr);
    }
}
