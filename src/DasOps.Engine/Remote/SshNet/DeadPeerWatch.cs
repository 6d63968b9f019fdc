using System;
using System.Threading;
using System.Threading.Tasks;
using Renci.SshNet;

namespace DasOps.Engine.Remote.SshNet;

/// <summary>
/// Dead-peer detection for one SSH.NET connection, as ssh's ServerAliveInterval × ServerAliveCountMax. SSH.NET's own
/// keep-alive is a message the server never answers, so over a cut link it only fills the TCP send buffer and the
/// connection hangs until TCP gives up (many minutes). Every interval the watch runs a probe command (<c>true</c>),
/// whose end needs the server's answers; a probe not done within interval × count means the peer is gone, and the
/// connection is dropped so the commands on it fail now, as unreachable. Only while commands run: an idle connection
/// needs no probe, since the next command's channel open times out on its own (ConnectTimeout).
/// </summary>
internal sealed class DeadPeerWatch : IDisposable
{
    private readonly SshClient _client;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _limit;
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private readonly Func<bool> _busy;

    private DeadPeerWatch(SshClient client, SshConnectionOptions options, Func<bool> busy)
    {
        _client = client;
        _busy = busy;
        _interval = TimeSpan.FromSeconds(Math.Max(1, options.ServerAliveInterval));
        _limit = TimeSpan.FromSeconds(Math.Max(1, options.ServerAliveInterval) * Math.Max(1, options.ServerAliveCountMax));
    }

    private readonly TaskCompletionSource<bool> _lost = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Why the connection was dropped (ssh's wording); null while the peer answers.</summary>
    public string? LostReason { get; private set; }

    /// <summary>
    /// Completes when the peer is declared dead. SSH.NET does not end the commands of a client disposed under them
    /// (only a server's disconnect does), so each command also waits on this.
    /// </summary>
    public Task Lost => _lost.Task;

    /// <summary>Starts watching; a ServerAliveInterval of 0 or less turns the watch off (as in ssh).</summary>
    public static DeadPeerWatch Start(SshClient client, SshConnectionOptions options, Func<bool> busy)
    {
        var watch = new DeadPeerWatch(client, options, busy);
        if (options.ServerAliveInterval > 0) _ = Task.Run(watch.RunAsync);
        return watch;
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                await Task.Delay(_interval, token).ConfigureAwait(false);
                if (!_client.IsConnected) return;
                if (!_busy()) continue;
                var probe = Task.Run(Probe);
                if (await Task.WhenAny(probe, Task.Delay(_limit, token)).ConfigureAwait(false) == probe)
                {
                    if (probe.IsFaulted && !_client.IsConnected) return; // closed meanwhile: the commands say so themselves
                    continue;
                }
                if (token.IsCancellationRequested) return;
                _ = probe.ContinueWith(p => p.Exception, TaskScheduler.Default); // observed: it fails once the client is gone
                LostReason = $"Timeout, server {_client.ConnectionInfo.Host} not responding (no answer in {_limit.TotalSeconds:0} s).";
                _lost.TrySetResult(true);
                Drop();
                return;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
            // the run closed the connection
        }
    }

    private void Probe()
    {
        using var probe = _client.CreateCommand("true");
        probe.CommandTimeout = _limit;
        probe.Execute();
    }

    private void Drop()
    {
        try { _client.Dispose(); }
        catch (Exception) { /* a dead connection may fail to close; it is gone either way */ }
    }

    public void Dispose()
    {
        try { _stop.Cancel(); }
        catch (ObjectDisposedException) { }
    }
}
