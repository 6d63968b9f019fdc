using System.Net;
using System.Net.Sockets;

namespace DasOps.NodeEmulator;

/// <summary>One listening socket of the node. Without a handler it accepts and closes, which is all a TCP probe needs.</summary>
internal sealed class BoundPort : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _cts = new();

    public BoundPort(string what, TcpListener listener)
    {
        What = what;
        _listener = listener;
    }

    public string What { get; }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Starts the accept loop; each connection runs the handler on its own task and is disposed afterwards.</summary>
    public void Serve(Func<TcpClient, CancellationToken, Task>? handler = null)
    {
        var token = _cts.Token;
        _ = Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }
                _ = Task.Run(async () =>
                {
                    using (client)
                    {
                        try
                        {
                            if (handler != null)
                                await handler(client, token);
                        }
                        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                        {
                            // a peer that hangs up mid-request is normal
                        }
                    }
                }, CancellationToken.None);
            }
        }, CancellationToken.None);
    }

    public void Dispose()
    {
        // The token source is not disposed: accept and connection tasks may still be reading its token.
        _cts.Cancel();
        _listener.Stop();
    }
}

/// <summary>Binds the node's ports and closes them all at shutdown or refusal.</summary>
internal sealed class PortBinder : IDisposable
{
    private readonly object _gate = new();
    private readonly List<BoundPort> _ports = [];

    /// <summary>Binds or throws a refusal naming the port ("Address already in use" when taken).</summary>
    public BoundPort Bind(string what, IPAddress address, int port, string logger)
    {
        var listener = new TcpListener(address, port);
        try
        {
            listener.Start(backlog: 64);
        }
        catch (SocketException e)
        {
            listener.Stop();
            var reason = e.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => "Address already in use",
                SocketError.AddressNotAvailable => "Cannot assign requested address",
                SocketError.AccessDenied => "Permission denied",
                _ => e.Message,
            };
            throw new RefusalException(logger,
                $"Failed to start {what} on {address}:{port}: java.net.BindException: {reason} (port {port})",
                $"java.net.BindException: {reason}");
        }
        var bound = new BoundPort(what, listener);
        lock (_gate)
            _ports.Add(bound);
        return bound;
    }

    public IReadOnlyList<BoundPort> Ports
    {
        get
        {
            lock (_gate)
                return _ports.ToList();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var port in _ports)
                port.Dispose();
            _ports.Clear();
        }
    }
}
