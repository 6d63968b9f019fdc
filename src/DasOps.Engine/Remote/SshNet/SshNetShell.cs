using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
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
    private readonly object _gate = new object();
    private Task<SshClient>? _connecting;
    private bool _closed;

    internal SshNetShell(SshNetTarget target, SshConnectionOptions options)
    {
        Target = target;
        _options = options;
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
        var keys = SshNetKeys.Load(Target, _options);
        var info = new ConnectionInfo(Target.Host, Target.Port, Target.User, new PrivateKeyAuthenticationMethod(Target.User, keys.ToArray()))
        {
            Timeout = _options.ConnectTimeout,
        };
        var knownHosts = _options.KnownHostsFile != null ? KnownHosts.Read(_options.KnownHostsFile) : null;
        if (knownHosts != null) PreferKnownKeyTypes(info, knownHosts.KeyTypesFor(Target.Host, Target.Port));
        var client = new SshClient(info) { KeepAliveInterval = TimeSpan.FromSeconds(_options.ServerAliveInterval) };
        HostKeyRefusal? refusal = null;
        client.HostKeyReceived += (_, e) =>
        {
            refusal = CheckHostKey(knownHosts, e.HostKey);
            e.CanTrust = refusal == null;
        };
        try
        {
            using var timeout = new CancellationTokenSource(_options.ConnectTimeout + TimeSpan.FromSeconds(5));
            await client.ConnectAsync(timeout.Token).ConfigureAwait(false);
            return client;
        }
        catch (Exception e) when (refusal != null)
        {
            client.Dispose();
            throw new SshNetFailure(refusal.Message, hostKeyRejected: true, e);
        }
        catch (Exception e) when (!(e is SshNetFailure))
        {
            client.Dispose();
            throw new SshNetFailure($"ssh to {Target} failed: {Describe(e)}", hostKeyRejected: false, e);
        }
    }

    private string Describe(Exception e) => e switch
    {
        SocketException s => $"connect to host {Target.Host} port {Target.Port}: {s.Message}",
        SshOperationTimeoutException _ => $"connect to host {Target.Host} port {Target.Port}: Connection timed out",
        OperationCanceledException _ => $"connect to host {Target.Host} port {Target.Port}: Connection timed out",
        SshAuthenticationException a => a.Message.StartsWith("Permission denied", StringComparison.Ordinal) ? a.Message : $"Permission denied ({a.Message})",
        SshConnectionException c => c.Message,
        ProxyException p => p.Message,
        _ => e.Message,
    };

    private sealed class HostKeyRefusal
    {
        public HostKeyRefusal(string message) => Message = message;
        public string Message { get; }
    }

    private HostKeyRefusal? CheckHostKey(KnownHosts? knownHosts, byte[] blob)
    {
        var file = _options.KnownHostsFile ?? "known_hosts";
        var (verdict, line) = knownHosts?.Check(Target.Host, Target.Port, blob) ?? (HostKeyVerdict.Unknown, 0);
        var offered = $"{KnownHosts.DisplayType(KnownHosts.KeyType(blob))} key {KnownHosts.Fingerprint(blob)}";
        var where = $"{Target.Node} ({Target.Host} port {Target.Port})";
        switch (verdict)
        {
            case HostKeyVerdict.Known:
                return null;
            case HostKeyVerdict.Unknown when _options.AcceptNewHostKeys && _options.KnownHostsFile != null:
                KnownHosts.Append(_options.KnownHostsFile, Target.Host, Target.Port, blob);
                return null;
            case HostKeyVerdict.Unknown:
                return new HostKeyRefusal($"host key of {where} is not known: the host offers {offered}, which is not in {file}. " +
                    "Verify the fingerprint and add the key to known_hosts, or opt in to trusting new keys (--accept-new-host-keys / -AcceptNewHostKey).");
            case HostKeyVerdict.Revoked:
                return new HostKeyRefusal($"host key of {where} is REVOKED: the host offers {offered}, marked @revoked in {file}:{line}. DasOps never accepts a revoked key.");
            default:
                return new HostKeyRefusal($"host key of {where} has CHANGED: the host now offers {offered}, which does not match {file}:{line}. " +
                    "DasOps never accepts a changed key (it may be a man-in-the-middle). If the change is expected, verify the new " +
                    $"fingerprint, remove the old key (ssh-keygen -R {KnownHosts.HostEntryName(Target.Host, Target.Port)} -f {file}) and add the new one.");
        }
    }

    /// <summary>Like ssh, ask first for a host key of a type known_hosts holds for the host, so a second key type is not mistaken for a change.</summary>
    private static void PreferKnownKeyTypes(ConnectionInfo info, IReadOnlyList<string> knownTypes)
    {
        if (knownTypes.Count == 0) return;
        var wanted = new HashSet<string>(knownTypes.SelectMany(t => t == "ssh-rsa" ? new[] { "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa" } : new[] { t }), StringComparer.Ordinal);
        var all = info.HostKeyAlgorithms.ToList();
        if (!all.Any(a => wanted.Contains(a.Key))) return;
        info.HostKeyAlgorithms.Clear();
        foreach (var pair in all.Where(a => wanted.Contains(a.Key)).Concat(all.Where(a => !wanted.Contains(a.Key)))) info.HostKeyAlgorithms.Add(pair.Key, pair.Value);
    }

    /// <summary>Closes the connection; commands still running on it end with it.</summary>
    internal void Close()
    {
        Task<SshClient>? connecting;
        lock (_gate)
        {
            _closed = true;
            connecting = _connecting;
        }
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
}
