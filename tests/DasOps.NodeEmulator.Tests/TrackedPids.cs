using System.Diagnostics;

namespace DasOps.NodeEmulator.Tests;

/// <summary>
/// Every pid a runtime's pid file ever named, remembered so that Dispose ends whatever is still alive (TERM, then KILL
/// after 5 s): no emulator outlives a test, even a failed one.
/// </summary>
internal sealed class TrackedPids : IDisposable
{
    private readonly HashSet<int> _pids = [];

    public int Add(int pid)
    {
        lock (_pids)
            _pids.Add(pid);
        return pid;
    }

    public void Dispose()
    {
        int[] pids;
        lock (_pids)
            pids = _pids.Where(LabNode.IsAlive).ToArray();
        foreach (var pid in pids)
            Signal(pid, "TERM");
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (pids.Any(LabNode.IsAlive) && DateTime.UtcNow < deadline)
            Thread.Sleep(100);
        foreach (var pid in pids.Where(LabNode.IsAlive))
            Signal(pid, "KILL");
    }

    /// <summary>kill -SIGNAL pid, as an operator would send it; a pid already gone is no error.</summary>
    public static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, pid.ToString() }, RedirectStandardError = true });
        kill?.WaitForExit();
    }
}
