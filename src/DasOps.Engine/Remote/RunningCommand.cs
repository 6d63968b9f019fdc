using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace DasOps.Engine.Remote;

/// <summary>A command that is still running: its stdout can be read line by line, and closing its stdin ends it.</summary>
public sealed class RunningCommand : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _standardError;
    private readonly Func<CommandResult, Task<CommandResult>> _classify;
    private readonly TaskCompletionSource<bool> _exited = new TaskCompletionSource<bool>();

    // A read that outlived its deadline is still pending on the stream; the next read must take it over.
    private Task<string?>? _pendingLine;

    private RunningCommand(Process process, Func<CommandResult, Task<CommandResult>> classify)
    {
        _process = process;
        _classify = classify;
        _standardError = process.StandardError.ReadToEndAsync();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => _exited.TrySetResult(true);
        if (process.HasExited) _exited.TrySetResult(true);
    }

    /// <summary>Starts the process; <paramref name="classify"/> turns the raw result into the shell's (e.g. ssh's rc 255 into Unreachable).</summary>
    internal static RunningCommand Start(ProcessStartInfo startInfo, Func<CommandResult, Task<CommandResult>> classify)
    {
        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new IOException($"{startInfo.FileName}: {e.Message}", e);
        }
        return new RunningCommand(process, classify);
    }

    /// <summary>The next line of stdout, or null at its end. Kills the command when <paramref name="timeout"/> passes first.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var read = _pendingLine ?? _process.StandardOutput.ReadLineAsync()!;
        _pendingLine = read;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var gaveUp = new TaskCompletionSource<bool>();
        using (deadline.Token.Register(() => gaveUp.TrySetResult(true)))
        {
            if (await Task.WhenAny(read, gaveUp.Task).ConfigureAwait(false) != read)
            {
                Kill();
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException($"no answer within {timeout.TotalSeconds:0.#} s");
            }
        }
        _pendingLine = null;
        return await read.ConfigureAwait(false);
    }

    /// <summary>Closes stdin, waits for the command to end (killing it after <paramref name="timeout"/>) and returns what it left.</summary>
    public async Task<CommandResult> FinishAsync(TimeSpan timeout)
    {
        try { _process.StandardInput.Close(); } catch (IOException) { }
        var timedOut = false;
        if (await Task.WhenAny(_exited.Task, Task.Delay(timeout)).ConfigureAwait(false) != _exited.Task)
        {
            Kill();
            timedOut = true;
        }
        _process.WaitForExit();
        var rest = "";
        if (_pendingLine != null)
        {
            var line = await _pendingLine.ConfigureAwait(false);
            _pendingLine = null;
            if (line != null) rest = line + "\n";
        }
        rest += await _process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        var error = await _standardError.ConfigureAwait(false);
        if (timedOut) return new CommandResult(124, Encoding.UTF8.GetBytes(rest), $"did not end within {timeout.TotalSeconds:0.#} s", timedOut: true);
        return await _classify(new CommandResult(_process.ExitCode, Encoding.UTF8.GetBytes(rest), error)).ConfigureAwait(false);
    }

    private void Kill() => ProcessTree.Kill(_process);

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
