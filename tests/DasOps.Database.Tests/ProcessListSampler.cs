using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace DasOps.Database.Tests;

/// <summary>Samples every process's command line (root namespace and, through lab.sh exec, a node) while work runs.</summary>
public sealed class ProcessListSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private readonly Task _loop;

    public ProcessListSampler(string labScript, string node)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Snapshots.Add(Capture("ps", "-eo", "args"));
                Snapshots.Add(Capture(labScript, "exec", node, "--", "ps", "-eo", "args"));
                Samples++;
                try { await Task.Delay(20, _stop.Token); } catch (TaskCanceledException) { }
            }
        });
    }

    public ConcurrentBag<string> Snapshots { get; } = new ConcurrentBag<string>();
    public int Samples { get; private set; }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
    }

    private static string Capture(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return text;
    }
}
