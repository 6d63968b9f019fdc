using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace DasOps.Engine.Remote;

/// <summary>
/// One started command, whatever carries it: a local process (ssh, or the command itself for the local shell) or a
/// channel of an in-process SSH connection. <see cref="RunningCommand"/> talks to a command only through this.
/// </summary>
internal interface ICommandProcess : IDisposable
{
    /// <summary>The command's stdout, read as UTF-8 text.</summary>
    StreamReader StandardOutput { get; }

    /// <summary>All of stderr, complete when the command has ended.</summary>
    Task<string> StandardError { get; }

    /// <summary>Completes when the command has ended (or was killed).</summary>
    Task Exited { get; }

    /// <summary>The exit code once <see cref="Exited"/> completed.</summary>
    int ExitCode { get; }

    /// <summary>Ends the command's stdin (EOF).</summary>
    void CloseInput();

    /// <summary>Ends the command and everything it started; harmless when it already ended.</summary>
    void Kill();
}

/// <summary>A local process as a command: its three pipes, its exit, and a kill of its whole tree.</summary>
internal sealed class ProcessCommand : ICommandProcess
{
    private readonly System.Diagnostics.Process _process;
    private readonly TaskCompletionSource<bool> _exited = new TaskCompletionSource<bool>();

    private readonly Action? _onKill;

    private ProcessCommand(System.Diagnostics.Process process, Action? onKill)
    {
        _process = process;
        _onKill = onKill;
        StandardError = process.StandardError.ReadToEndAsync();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => _exited.TrySetResult(true);
        if (process.HasExited) _exited.TrySetResult(true);
        Exited = WaitAsync();
    }

    /// <summary>Starts the process; <paramref name="onKill"/> runs first when it is killed while still running (e.g. to end what ssh started on a node).</summary>
    public static ProcessCommand Start(System.Diagnostics.ProcessStartInfo startInfo, Action? onKill = null)
    {
        var process = new System.Diagnostics.Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new IOException($"{startInfo.FileName}: {e.Message}", e);
        }
        return new ProcessCommand(process, onKill);
    }

    public StreamReader StandardOutput => _process.StandardOutput;
    public Task<string> StandardError { get; }

    public Task Exited { get; }

    public int ExitCode => _process.ExitCode;

    private async Task WaitAsync()
    {
        await _exited.Task.ConfigureAwait(false);
        // Exited can fire before the last output is drained; WaitForExit waits for the streams too.
        _process.WaitForExit();
    }

    public void CloseInput()
    {
        try { _process.StandardInput.Close(); } catch (IOException) { }
    }

    public void Kill()
    {
        bool running;
        try { running = !_process.HasExited; }
        catch (InvalidOperationException) { running = false; }
        if (running && _onKill != null && Interlocked.Exchange(ref _killing, 1) == 0) _onKill();
        ProcessTree.Kill(_process);
    }

    private int _killing;

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
