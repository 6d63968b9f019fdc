using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace DasOps.Engine.Remote.SshNet;

/// <summary>
/// Runs commands on one node over one SSH.NET connection: each command is an exec channel on it, its argument vector
/// quoted for the remote shell, its input streamed on the channel's stdin. Connection failures are reported as
/// Unreachable (host key refusals as HostKeyRejected), as ssh's exit 255 is for the OpenSSH transport.
/// </summary>
public sealed partial class SshNetShell : IStreamingShell
{
    private readonly SshConnectionOptions _options;
    private readonly SshNetBastion? _bastion;
    private readonly object _gate = new object();
    private DeadPeerWatch? _watch;
    private Task<SshClient>? _connecting;
    private bool _closed;

    internal SshNetShell(SshNetTarget target, SshConnectionOptions options, SshNetBastion? bastion = null)
    {
        Target = target;
        _options = options;
        _bastion = bastion;
    }

    public string Node => Target.Node;

    internal SshNetTarget Target { get; }

    public async Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken)
    {
        using var channel = SshNetCommand.Start(this, command, keepInputOpen: false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (command.Timeout != null) deadline.CancelAfter(command.Timeout.Value);
        var stdout = new MemoryStream();
        var gaveUp = new TaskCompletionSource<bool>();
        using (deadline.Token.Register(() => gaveUp.TrySetResult(true)))
        {
            if (await Task.WhenAny(channel.Exited, gaveUp.Task).ConfigureAwait(false) != channel.Exited)
            {
                channel.Kill();
                cancellationToken.ThrowIfCancellationRequested();
                return new CommandResult(124, Array.Empty<byte>(), $"timed out after {command.Timeout!.Value.TotalSeconds:0.#} s", timedOut: true);
            }
        }
        await channel.Exited.ConfigureAwait(false);
        // SSH.NET buffers the output while the command runs; once it ended, reading it never waits.
        await channel.CopyOutputAsync(stdout).ConfigureAwait(false);
        return channel.Classify(new CommandResult(channel.ExitCode, stdout.ToArray(), await channel.StandardError.ConfigureAwait(false)));
    }

    public RunningCommand Start(RemoteCommand command)
    {
        var channel = SshNetCommand.Start(this, command, keepInputOpen: true);
        return new RunningCommand(channel, result => Task.FromResult(channel.Classify(result)));
    }

    /// <summary>The node's connection, opened by the first command and shared by every later one.</summary>
    internal Task<SshClient> ConnectAsync()
    {
        lock (_gate)
        {
            if (_closed) throw new ObjectDisposedException(nameof(SshNetShell));
            if (_connecting == null || (_connecting.Status == TaskStatus.RanToCompletion && !_connecting.Result.IsConnected))
                _connecting = Task.Run(OpenAsync);
            return _connecting;
        }
    }

    private async Task<SshClient> OpenAsync()
    {
        // Through a bastion: the node's own session runs inside a port forwarded over the bastion's connection.
        var (host, port) = _bastion != null ? await _bastion.ForwardAsync(Target).ConfigureAwait(false) : (Target.Host, Target.Port);
        var client = await SshNetLogin.ConnectAsync(Target, _options, host, port).ConfigureAwait(false);
        _watch?.Dispose();
        _watch = DeadPeerWatch.Start(client, _options, () => Volatile.Read(ref _running) > 0);
        return client;
    }

    private int _running;

    /// <summary>Marks a command running on the connection (the dead-peer watch probes only then); dispose when it ended.</summary>
    internal IDisposable TrackCommand()
    {
        Interlocked.Increment(ref _running);
        var bastion = _bastion?.TrackCommand();
        return new Untrack(() =>
        {
            Interlocked.Decrement(ref _running);
            bastion?.Dispose();
        });
    }

    internal sealed class Untrack : IDisposable
    {
        private Action? _undo;

        public Untrack(Action undo) => _undo = undo;

        public void Dispose() => Interlocked.Exchange(ref _undo, null)?.Invoke();
    }

    /// <summary>Why the connection was dropped by the dead-peer watch; null if it was not.</summary>
    internal string? LostReason => _watch?.LostReason;

    private static readonly Task Never = new TaskCompletionSource<bool>().Task;

    /// <summary>Completes when the dead-peer watch of the current connection gives the peer up.</summary>
    internal Task Lost => _watch?.Lost ?? Never;

    /// <summary>Closes the connection; commands still running on it end with it.</summary>
    internal void Close()
    {
        Task<SshClient>? connecting;
        lock (_gate)
        {
            _closed = true;
            connecting = _connecting;
        }
        _watch?.Dispose();
        if (connecting == null) return;
        try
        {
            if (!connecting.Wait(TimeSpan.FromSeconds(10)) || connecting.Status != TaskStatus.RanToCompletion) return;
        }
        catch (AggregateException)
        {
            return;
        }
        var client = connecting.Result;
        try { client.Disconnect(); }
        catch (Exception) { /* already gone */ }
        client.Dispose();
    }

    /// <summary>Nothing to release per shell: the connection belongs to the run and is closed by its factory.</summary>
    public void Dispose() { }
}

/// <summary>Why a node's connection could not be opened, worded for the operator.</summary>
internal sealed class SshNetFailure : Exception
{
    public SshNetFailure(string message, bool hostKeyRejected, Exception? inner = null) : base(message, inner) => HostKeyRejected = hostKeyRejected;

    public bool HostKeyRejected { get; }

    /// <summary>The server refused every key and the password: the credentials are wrong, not the network.</summary>
    public bool AuthenticationFailed { get; set; }
}
