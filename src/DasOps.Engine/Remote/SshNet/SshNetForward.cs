using System;
using System.Threading;
using System.Threading.Tasks;
using Renci.SshNet;

namespace DasOps.Engine.Remote.SshNet;

public sealed partial class SshNetShell : IPortForwarding
{
    /// <summary>A local forward on the node's existing connection (opened first if this is the node's first use).</summary>
    public async Task<ILocalForward> ForwardAsync(string host, int port, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        SshClient client;
        try
        {
            client = await ConnectAsync().ConfigureAwait(false);
        }
        catch (SshNetFailure e)
        {
            throw new PortForwardException(e.Message, e.HostKeyRejected, e);
        }
        return SshNetForward.Open(client, Node, host, port);
    }
}

/// <summary>
/// SSH.NET's ForwardedPortLocal bound to 127.0.0.1 and a port the system picks: each connection to it becomes a
/// direct-tcpip channel on the node's connection, opened onwards by the node's sshd.
/// </summary>
internal sealed class SshNetForward : ILocalForward
{
    private readonly SshClient _client;
    private readonly ForwardedPortLocal _port;
    private string? _lastError;

    private SshNetForward(SshClient client, ForwardedPortLocal port)
    {
        _client = client;
        _port = port;
        _port.Exception += (_, e) => Volatile.Write(ref _lastError, e.Exception.Message);
    }

    public string LocalHost => "127.0.0.1";

    public int LocalPort => (int)_port.BoundPort;

    public string? LastError => Volatile.Read(ref _lastError);

    public static SshNetForward Open(SshClient client, string node, string host, int port)
    {
        var forwarded = new ForwardedPortLocal("127.0.0.1", 0, host, (uint)port);
        try
        {
            client.AddForwardedPort(forwarded);
            forwarded.Start();
        }
        catch (Exception e)
        {
            forwarded.Dispose();
            throw new PortForwardException($"{node}: cannot forward a local port to {host}:{port} over SSH: {e.Message}", inner: e);
        }
        return new SshNetForward(client, forwarded);
    }

    public void Dispose()
    {
        try
        {
            if (_port.IsStarted) _port.Stop();
            _client.RemoveForwardedPort(_port);
        }
        catch (Exception)
        {
            // the connection is already gone, and the port with it
        }
        _port.Dispose();
    }
}
