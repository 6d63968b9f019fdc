using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace DasOps.Engine.Remote;

/// <summary>A command that is still running: its stdout can be read line by line, and closing its stdin ends it.</summary>
public sealed class RunningCommand : IDisposable
{
    private readonly ICommandProcess _command;
    private readonly Func<CommandResult, Task<CommandResult>> _classify;

    // A read that outlived its deadline is still pending on the stream; the next read must take it over.
    private Task<string?>? _pendingLine;

    internal RunningCommand(ICommandProcess command, Func<CommandResult, Task<CommandResult>> classify)
    {
        _command = command;
        _classify = classify;
    }

    /// <summary>Starts the process; <paramref name="classify"/> turns the raw result into the shell's (e.g. ssh's rc 255 into Unreachable).</summary>
    internal static RunningCommand Start(System.Diagnostics.ProcessStartInfo startInfo, Func<CommandResult, Task<CommandResult>> classify, Action? onKill = null) =>
        new RunningCommand(ProcessCommand.Start(startInfo, onKill), classify);

    /// <summary>The next line of stdout, or null at its end. Kills the command when <paramref name="timeout"/> passes first.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var read = _pendingLine ?? _command.StandardOutput.ReadLineAsync()!;
        _pendingLine = read;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var gaveUp = new TaskCompletionSource<bool>();
        using (deadline.Token.Register(() => gaveUp.TrySetResult(true)))
        {
            if (await Task.WhenAny(read, gaveUp.Task).ConfigureAwait(false) != read)
            {
                _command.Kill();
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException($"no answer within {timeout.TotalSeconds:0.#} s");
            }
        }
        _pendingLine = null;
        return await read.ConfigureAwait(false);
    }

    /// <summary>Closes stdin, waits for the command to end (killing it after <paramref name="timeout"/>) and returns what it left.</summary>
    public async Task<CommandResult> FinishAsync(TimeSpan timeout, bool endsByItself = false)
    {
        // A command that ends on its own is let end first: an EOF sent while sshd closes its channel can reach sshd after
        // the channel is gone, which it takes for a protocol error (and drops the connection).
        if (endsByItself) await Task.WhenAny(_command.Exited, Task.Delay(timeout)).ConfigureAwait(false);
        _command.CloseInput();
        var timedOut = false;
        var exited = _command.Exited;
        if (await Task.WhenAny(exited, Task.Delay(timeout)).ConfigureAwait(false) != exited)
        {
            _command.Kill();
            timedOut = true;
        }
        await exited.ConfigureAwait(false);
        var rest = "";
        if (_pendingLine != null)
        {
            var line = await _pendingLine.ConfigureAwait(false);
            _pendingLine = null;
            if (line != null) rest = line + "\n";
        }
        rest += await _command.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        var error = await _command.StandardError.ConfigureAwait(false);
        if (timedOut) return new CommandResult(124, Encoding.UTF8.GetBytes(rest), $"did not end within {timeout.TotalSeconds:0.#} s", timedOut: true);
        return await _classify(new CommandResult(_command.ExitCode, Encoding.UTF8.GetBytes(rest), error)).ConfigureAwait(false);
    }

    public void Dispose() => _command.Dispose();
}
