using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Renci.SshNet;

namespace DasOps.Engine.Remote.SshNet;

/// <summary>
/// One jump host of a run, shared by every node reached through it: one authenticated connection (its host key checked
/// as a node's is), and per node connection a local port forwarded over it (direct-tcpip) to the node's sshd. The
/// node's own SSH session then runs end to end through that tunnel, so the bastion never sees its keys or commands.
/// </summary>
internal sealed class SshNetBastion
{
    private readonly SshNetTarget _target;
    private readonly SshConnectionOptions _options;
    private readonly object _gate = new object();
    private readonly List<ForwardedPortLocal> _ports = new List<ForwardedPortLocal>();
    private Task<SshClient>? _connecting;
    private DeadPeerWatch? _watch;
    private bool _closed;

    public SshNetBastion(SshNetTarget target, SshConnectionOptions options)
    {
        _target = target;
        _options = options;
    }

    /// <summary>The key that makes nodes share a bastion: same login, address and key.</summary>
    public static string KeyOf(SshNetTarget bastion) => $"{bastion.User}@{bastion.Host}:{bastion.Port}|{bastion.KeyFile}";

    /// <summary>A local port (on the loopback address) that leads to <paramref name="node"/>'s sshd through the bastion.</summary>
    public async Task<(string Host, int Port)> ForwardAsync(SshNetTarget node)
    {
        SshClient client;
        try
        {
            client = await ConnectAsync().ConfigureAwait(false);
        }
        catch (SshNetFailure e)
        {
            throw new SshNetFailure($"ssh to {node} through {_target.Node} failed: {e.Message}", e.HostKeyRejected, e) { AuthenticationFailed = e.AuthenticationFailed };
        }
        var port = new ForwardedPortLocal("127.0.0.1", 0, node.Host, (uint)node.Port);
        try
        {
            client.AddForwardedPort(port);
            port.Start();
        }
        catch (Exception e) when (!(e is OutOfMemoryException))
        {
            port.Dispose();
            throw new SshNetFailure($"ssh to {node} through {_target.Node} failed: cannot forward a port to {node.Host}:{node.Port}: {e.Message}", false, e);
        }
        lock (_gate) _ports.Add(port);
        return ("127.0.0.1", (int)port.BoundPort);
    }

    private Task<SshClient> ConnectAsync()
    {
        lock (_gate)
        {
            if (_closed) throw new ObjectDisposedException(nameof(SshNetBastion));
            if (_connecting == null || (_connecting.Status == TaskStatus.RanToCompletion && !_connecting.Result.IsConnected))
                _connecting = Task.Run(OpenAsync);
            return _connecting;
        }
    }

    private async Task<SshClient> OpenAsync()
    {
        var client = await SshNetLogin.ConnectAsync(_target, _options, _target.Host, _target.Port).ConfigureAwait(false);
        _watch?.Dispose();
        _watch = DeadPeerWatch.Start(client, _options, () => Volatile.Read(ref _running) > 0);
        return client;
    }

    private int _running;

    /// <summary>A command runs on a node reached through this bastion: its connection is watched meanwhile.</summary>
    public IDisposable TrackCommand()
    {
        Interlocked.Increment(ref _running);
        return new SshNetShell.Untrack(() => Interlocked.Decrement(ref _running));
    }

    public void Close()
    {
        Task<SshClient>? connecting;
        List<ForwardedPortLocal> ports;
        lock (_gate)
        {
            _closed = true;
            connecting = _connecting;
            ports = new List<ForwardedPortLocal>(_ports);
            _ports.Clear();
        }
        _watch?.Dispose();
        foreach (var port in ports)
        {
            try { port.Stop(); }
            catch (Exception) { /* the connection is gone already */ }
            port.Dispose();
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
        try { connecting.Result.Disconnect(); }
        catch (Exception) { /* already gone */ }
        connecting.Result.Dispose();
    }
}
