using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Renci.SshNet;

namespace DasOps.Engine.Remote.SshNet;

public sealed partial class SshNetShell : ITcpProbe
{
    /// <summary>
    /// SSH.NET keeps its direct-tcpip channel internal, and a plain local forward cannot tell "connected" from "still
    /// trying" (both leave the local socket open). Its SOCKS5 forward can: it answers the SOCKS request only after the
    /// node's SSH server confirmed or refused the channel, with reply code 0 for an open one. So a SOCKS5 CONNECT
    /// through a dynamic forward on the node's connection is the probe.
    /// </summary>
    public async Task<TcpProbeResult> ProbeAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        EnsureBlockingThreads();
        SshClient client;
        try
        {
            client = await ConnectAsync().ConfigureAwait(false);
        }
        catch (SshNetFailure e)
        {
            throw new TcpProbeNodeException(e.Message, e.HostKeyRejected, e);
        }
        var socks = new ForwardedPortDynamic("127.0.0.1", 0);
        try
        {
            try
            {
                client.AddForwardedPort(socks);
                socks.Start();
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw new TcpProbeNodeException($"{Node}: cannot open a channel over SSH: {e.Message}", inner: e);
            }
            using (TrackCommand())
                return await Socks5.ConnectAsync((int)socks.BoundPort, host, port, timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Stopping waits for a channel still opening (a host that drops SYNs) up to the connection timeout; the
            // caller has its answer already, so that wait happens off its path.
            _ = Task.Run(() =>
            {
                try
                {
                    if (socks.IsStarted) socks.Stop();
                    client.RemoveForwardedPort(socks);
                }
                catch (Exception)
                {
                    // the connection is gone, and the forward with it
                }
                socks.Dispose();
            });
        }
    }

    /// <summary>
    /// SSH.NET answers each SOCKS request on a pool thread that blocks until the channel opens. With the pool's
    /// minimum at the core count (2 here), 6 probes at once waited for the pool to grow (~1 thread a second) and
    /// took 5.5 s instead of 1.3 s, so timeouts fired. The floor is raised to what the checker can run at once
    /// (8 nodes x 4 endpoints, plus the cores); raising the minimum only lets the pool grow sooner.
    /// </summary>
    private static void EnsureBlockingThreads()
    {
        const int needed = 8 * 4;
        ThreadPool.GetMinThreads(out var workers, out var io);
        var floor = needed + Environment.ProcessorCount;
        if (workers < floor) ThreadPool.SetMinThreads(floor, io);
    }
}

/// <summary>The client half of a SOCKS5 CONNECT (RFC 1928, no authentication), just far enough to read the reply code.</summary>
internal static class Socks5
{
    public static async Task<TcpProbeResult> ConnectAsync(int socksPort, string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        // Closing the socket is what ends a pending receive on netstandard2.0 (no cancellable socket calls there).
        using var abort = deadline.Token.Register(() => socket.Dispose());
        try
        {
            await Task.Factory.FromAsync(socket.BeginConnect, socket.EndConnect, (EndPoint)new IPEndPoint(IPAddress.Loopback, socksPort), null).ConfigureAwait(false);
            await SendAsync(socket, new byte[] { 5, 1, 0 }).ConfigureAwait(false);
            var method = await ReceiveAsync(socket, 2).ConfigureAwait(false);
            if (method == null || method[0] != 5 || method[1] != 0)
                return new TcpProbeResult(false, "the SSH forward refused the SOCKS greeting");
            await SendAsync(socket, Request(host, port)).ConfigureAwait(false);
            var reply = await ReceiveAsync(socket, 2).ConfigureAwait(false);
            if (reply == null) return new TcpProbeResult(false, "the node's SSH server closed the channel");
            return reply[1] == 0 ? TcpProbeResult.Open : new TcpProbeResult(false, "the node's SSH server could not connect (channel open refused)");
        }
        catch (Exception e) when (e is ObjectDisposedException || e is SocketException || e is InvalidOperationException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (deadline.IsCancellationRequested) return TcpProbeResult.NoAnswer(timeout);
            return new TcpProbeResult(false, "the local SOCKS forward failed: " + e.Message);
        }
    }

    /// <summary>VER CMD=CONNECT RSV ATYP ADDR PORT: an IP address as such, a name as a domain name (resolved on the node).</summary>
    internal static byte[] Request(string host, int port)
    {
        byte[] address;
        byte type;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            address = ip.GetAddressBytes();
            type = ip.AddressFamily == AddressFamily.InterNetworkV6 ? (byte)4 : (byte)1;
        }
        else
        {
            var name = Encoding.ASCII.GetBytes(host);
            if (name.Length > 255) throw new ArgumentException($"host name too long for SOCKS5: {host}", nameof(host));
            address = new byte[name.Length + 1];
            address[0] = (byte)name.Length;
            Buffer.BlockCopy(name, 0, address, 1, name.Length);
            type = 3;
        }
        var request = new byte[4 + address.Length + 2];
        request[0] = 5;
        request[1] = 1;
        request[3] = type;
        Buffer.BlockCopy(address, 0, request, 4, address.Length);
        request[request.Length - 2] = (byte)(port >> 8);
        request[request.Length - 1] = (byte)port;
        return request;
    }

    private static Task<int> SendAsync(Socket socket, byte[] data) =>
        Task.Factory.FromAsync((cb, state) => socket.BeginSend(data, 0, data.Length, SocketFlags.None, cb, state), socket.EndSend, null);

    /// <summary>Exactly <paramref name="count"/> bytes, or null when the other side closed first.</summary>
    private static async Task<byte[]?> ReceiveAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var offset = read;
            var n = await Task.Factory.FromAsync((cb, state) => socket.BeginReceive(buffer, offset, count - offset, SocketFlags.None, cb, state), socket.EndReceive, null)
                .ConfigureAwait(false);
            if (n == 0) return null;
            read += n;
        }
        return buffer;
    }
}
