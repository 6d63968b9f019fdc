using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace DasOps.Engine.Tests.Support;

/// <summary>
/// Scripts a test writes and then has executed by name. One just written can fail to exec with ETXTBSY while another
/// test's fork briefly holds its write descriptor (the tests run in parallel in one process, and a forked child keeps
/// the descriptor until its own exec closes it); this waits that out, so the test sees the script run, not the race.
/// </summary>
public static class FreshScript
{
    /// <summary>Writes an executable (0755) script and returns once it can be executed.</summary>
    public static string Write(string path, string text, params string[] probeArguments)
    {
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, (UnixFileMode)0x1ED);
        WaitUntilExecutable(path, probeArguments);
        return path;
    }

    /// <summary>Runs the script once with <paramref name="probeArguments"/> (which must make it harmless), retrying while exec says ETXTBSY.</summary>
    public static void WaitUntilExecutable(string path, params string[] probeArguments)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
                foreach (var argument in probeArguments) start.ArgumentList.Add(argument);
                using var probe = Process.Start(start)!;
                probe.StandardInput.Close();
                probe.StandardOutput.ReadToEnd();
                probe.StandardError.ReadToEnd();
                probe.WaitForExit();
                return;
            }
            catch (System.ComponentModel.Win32Exception e) when (e.NativeErrorCode == 26 /* ETXTBSY */)
            {
                Thread.Sleep(20);
            }
        }
        throw new InvalidOperationException($"{path} stayed busy (ETXTBSY)");
    }
}
