using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace DasOps.Engine.Remote;

/// <summary>Runs commands on this machine, with the same argv, stdin and timeout semantics as the SSH shell.</summary>
public sealed class LocalShell : IRemoteShell
{
    public LocalShell(string node = "localhost") => Node = node;

    public string Node { get; }

    public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(command.Arguments[0], command.Arguments, 1, command.StandardInput, command.Timeout, cancellationToken);

    public void Dispose() { }
}

/// <summary>Starts a process from an argument vector (never one command string), feeds stdin, reads both streams, enforces a deadline.</summary>
public static class ProcessRunner
{
    public static async Task<CommandResult> RunAsync(string fileName, System.Collections.Generic.IReadOnlyList<string> arguments, int skip,
        byte[]? standardInput, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        ProcessArguments.Set(psi, System.Linq.Enumerable.Skip(arguments, skip));
        using var process = new Process { StartInfo = psi };
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
        try
        {
            if (standardInput != null) await process.StandardInput.BaseStream.WriteAsync(standardInput, 0, standardInput.Length, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // the command exited without reading all of its input; its exit code tells the story
        }
        finally
        {
            try { process.StandardInput.Close(); } catch (IOException) { }
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != null) deadline.CancelAfter(timeout.Value);
        var exited = new TaskCompletionSource<bool>();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => exited.TrySetResult(true);
        if (process.HasExited) exited.TrySetResult(true);
        using (deadline.Token.Register(() => exited.TrySetResult(false)))
        {
            if (!await exited.Task.ConfigureAwait(false))
            {
                try { process.Kill(); } catch (InvalidOperationException) { }
                process.WaitForExit();
                cancellationToken.ThrowIfCancellationRequested();
                return new CommandResult(124, stdout.ToArray(), $"timed out after {timeout!.Value.TotalSeconds:0.#} s", timedOut: true);
            }
        }
        process.WaitForExit();
        await readOut.ConfigureAwait(false);
        return new CommandResult(process.ExitCode, stdout.ToArray(), await readErr.ConfigureAwait(false));
    }
}
