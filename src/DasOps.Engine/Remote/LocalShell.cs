using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace DasOps.Engine.Remote;

/// <summary>Runs commands on this machine, with the same argv, stdin and timeout semantics as the SSH shell.</summary>
public sealed class LocalShell : IStreamingShell
{
    public LocalShell(string node = "localhost") => Node = node;

    public string Node { get; }

    public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(command.Arguments[0], command.Arguments, 1, command.StandardInput, command.Timeout, cancellationToken);

    public RunningCommand Start(RemoteCommand command) =>
        RunningCommand.Start(ProcessRunner.CreateStartInfo(command.Arguments[0], command.Arguments, 1, null), result => Task.FromResult(result));

    public void Dispose() { }
}

/// <summary>Starts a process from an argument vector (never one command string), feeds stdin, reads both streams, enforces a deadline.</summary>
public static class ProcessRunner
{
    public static async Task<CommandResult> RunAsync(string fileName, IReadOnlyList<string> arguments, int skip,
        byte[]? standardInput, TimeSpan? timeout, CancellationToken cancellationToken, IEnumerable<string>? removeEnvironment = null)
    {
        using var process = new Process { StartInfo = CreateStartInfo(fileName, arguments, skip, removeEnvironment) };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new CommandResult(127, Array.Empty<byte>(), $"{fileName}: {e.Message}");
        }
        var stdout = new MemoryStream();
        var readOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var readErr = process.StandardError.ReadToEndAsync();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != null) deadline.CancelAfter(timeout.Value);
        var exited = new TaskCompletionSource<bool>();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => exited.TrySetResult(true);
        if (process.HasExited) exited.TrySetResult(true);

        // stdin is written while the deadline runs: a peer that stops reading must not hang us past it.
        var writeIn = WriteInputAsync(process, standardInput);
        using (deadline.Token.Register(() => exited.TrySetResult(false)))
        {
            if (!await exited.Task.ConfigureAwait(false))
            {
                ProcessTree.Kill(process);
                process.WaitForExit();
                await FinishInputAsync(writeIn).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                return new CommandResult(124, stdout.ToArray(), $"timed out after {timeout!.Value.TotalSeconds:0.#} s", timedOut: true);
            }
        }
        process.WaitForExit();
        await FinishInputAsync(writeIn).ConfigureAwait(false);
        await readOut.ConfigureAwait(false);
        return new CommandResult(process.ExitCode, stdout.ToArray(), await readErr.ConfigureAwait(false));
    }

    /// <summary>The start info every runner uses: no shell, all three streams redirected, chosen variables removed.</summary>
    public static ProcessStartInfo CreateStartInfo(string fileName, IReadOnlyList<string> arguments, int skip, IEnumerable<string>? removeEnvironment)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        ProcessArguments.Set(psi, arguments.Skip(skip));
        // Secrets reach the engine through the environment; the child processes (ssh) have no use for them.
        foreach (var name in removeEnvironment ?? Enumerable.Empty<string>()) psi.Environment.Remove(name);
        return psi;
    }

    /// <summary>
    /// With ssh multiplexing the master holds a copy of our stdin pipe, so a write the peer never reads may outlive
    /// the client process for a moment; it is not worth waiting long for.
    /// </summary>
    private static Task FinishInputAsync(Task writeIn) => Task.WhenAny(writeIn, Task.Delay(TimeSpan.FromSeconds(2)));

    private static async Task WriteInputAsync(Process process, byte[]? standardInput)
    {
        try
        {
            if (standardInput != null) await process.StandardInput.BaseStream.WriteAsync(standardInput, 0, standardInput.Length).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // the command exited (or was killed) without reading all of its input; its exit code tells the story
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            try { process.StandardInput.Close(); } catch (IOException) { }
        }
    }
}
