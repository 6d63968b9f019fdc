using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace DasOps.Integration.Tests.Lab;

/// <summary>Runs the real `dasops` (dasops.dll beside this test assembly) as a separate process.</summary>
public static class DasopsCli
{
    public static string Dll
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "dasops.dll");
            if (!File.Exists(path)) throw new InvalidOperationException($"{path} is missing; the test project references DasOps.Cli so it is copied there.");
            return path;
        }
    }

    public static CliResult Run(IReadOnlyDictionary<string, string> environment, params string[] args) => RunWithInput(environment, null, args);

    /// <summary>Runs dasops with <paramref name="input"/> on its stdin (e.g. a password for --ssh-password-stdin).</summary>
    public static CliResult RunWithInput(IReadOnlyDictionary<string, string> environment, string? input, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (key, value) in environment) psi.Environment[key] = value;
        using var process = Process.Start(psi)!;
        if (input != null) process.StandardInput.Write(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(true);
            throw new TimeoutException($"dasops {string.Join(" ", args)} did not finish within 120 s.");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
