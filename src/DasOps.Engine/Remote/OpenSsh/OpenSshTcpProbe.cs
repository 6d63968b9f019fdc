using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace DasOps.Engine.Remote.OpenSsh;

public sealed partial class OpenSshShell : ITcpProbe
{
    /// <summary>What the mux client logs at -v once the master's channel is open (and only then: the reply waits for it).</summary>
    internal const string OpenedMarker = "master session id:";

    /// <summary>The same words as the SSH.NET probe: the node's sshd reported the channel open as failed.</summary>
    internal const string RefusedDetail = "the node's SSH server could not connect (channel open refused)";

    private Task<CommandResult>? _master;
    private readonly object _masterGate = new object();

    /// <summary>
    /// One <c>ssh -W</c> through the node's ControlMaster: the master asks the node's sshd for a direct-tcpip channel
    /// and replies to the client only after the open was confirmed or refused. The client is ended as soon as the
    /// answer is known; its stdin and stdout are never used.
    /// </summary>
    public async Task<TcpProbeResult> ProbeAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await EnsureMasterAsync(cancellationToken).ConfigureAwait(false);
        var args = OpenSshArguments.StdioForward(_options, Target, _controlPath, host, port);
        using var process = new Process { StartInfo = ProcessRunner.CreateStartInfo(args[0], args, 1, _options.ScrubbedEnvironment) };
        var answer = new TaskCompletionSource<TcpProbeResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lastError = "";
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data == null) return;
            if (e.Data.IndexOf(OpenedMarker, StringComparison.Ordinal) >= 0) answer.TrySetResult(TcpProbeResult.Open);
            else if (!e.Data.StartsWith("debug", StringComparison.Ordinal) && e.Data.Trim().Length > 0) lastError = e.Data.Trim();
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) =>
        {
            if (answer.Task.IsCompleted) return;   // killed after the answer; the process may be disposed by now
            try
            {
                // Exited can run before the last stderr line was delivered; the marker wins if it comes at all.
                process.WaitForExit();
                answer.TrySetResult(new TcpProbeResult(false,
                    lastError.IndexOf("Session open refused", StringComparison.Ordinal) >= 0 ? RefusedDetail
                    : lastError.Length > 0 ? lastError : $"ssh -W ended (exit {process.ExitCode})"));
            }
            catch (Exception e) when (e is InvalidOperationException || e is ObjectDisposedException)
            {
                answer.TrySetResult(new TcpProbeResult(false, lastError.Length > 0 ? lastError : "ssh -W ended"));
            }
        };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new TcpProbeNodeException($"{Node}: {_options.SshExecutable}: {e.Message}", inner: e);
        }
        process.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using (deadline.Token.Register(() => answer.TrySetResult(TcpProbeResult.NoAnswer(timeout))))
        {
            var result = await answer.Task.ConfigureAwait(false);
            ProcessTree.Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            return result;
        }
    }

    /// <summary>The node's master, opened once (by a `true`) and opened again after a failure; its failure is the node's.</summary>
    private async Task EnsureMasterAsync(CancellationToken cancellationToken)
    {
        Task<CommandResult> master;
        lock (_masterGate)
        {
            if (_master == null || _master.IsFaulted || _master.IsCanceled || (_master.Status == TaskStatus.RanToCompletion && !_master.Result.Succeeded))
                _master = RunAsync(new RemoteCommand(new[] { "true" }, timeout: _options.ConnectTimeout + TimeSpan.FromSeconds(10), description: "open the connection"),
                    cancellationToken);
            master = _master;
        }
        var result = await master.ConfigureAwait(false);
        if (!result.Succeeded)
            throw new TcpProbeNodeException(result.StandardError.Trim().Length > 0 ? result.StandardError.Trim() : $"ssh to {Target} failed (exit {result.ExitCode})",
                result.HostKeyRejected);
    }
}
