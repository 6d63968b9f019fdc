using System;
using System.Diagnostics;
using System.Text;
using System.Threading;

namespace DasOps.TestLab;

/// <summary>
/// Samples every process's command line (`ps -eo args`) about every 20 ms, in the root namespace or inside a lab
/// node (through lab.sh exec), until disposed. A secret on any argv during that time shows up in <see cref="Text"/>.
/// </summary>
public sealed class ProcessSampler : IDisposable
{
    private const string Marker = "@@dasops-sample@@";
    private const string Loop = "while :; do ps -eo args; echo " + Marker + "; sleep 0.02; done";

    private readonly Process _process;
    private readonly StringBuilder _text = new StringBuilder();
    private int _samples;

    private ProcessSampler(ProcessStartInfo psi)
    {
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        _process = new Process { StartInfo = psi };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == null) return;
            lock (_text)
            {
                if (e.Data == Marker) _samples++;
                else _text.Append(e.Data).Append('\n');
            }
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static ProcessSampler InRootNamespace() => new ProcessSampler(new ProcessStartInfo("sh", new[] { "-c", Loop }));

    public static ProcessSampler InNode(string node) =>
        new ProcessSampler(new ProcessStartInfo("bash", new[] { SourceTree.LabScript, "exec", node, "--", "sh", "-c", Loop }));

    public int Samples { get { lock (_text) return _samples; } }

    public string Text { get { lock (_text) return _text.ToString(); } }

    /// <summary>Waits until at least <paramref name="count"/> samples were taken (so sampling covers what follows).</summary>
    public void WaitForSamples(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Samples < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the process sampler took {Samples} samples in 20 s.");
            Thread.Sleep(10);
        }
    }

    public void Dispose()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.WaitForExit(5000);
        _process.Dispose();
    }
}
