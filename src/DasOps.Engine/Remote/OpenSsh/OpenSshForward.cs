using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace DasOps.Engine.Remote.OpenSsh;

public sealed partial class OpenSshShell : IPortForwarding
{
    /// <summary>
    /// A local forward added to the node's ControlMaster (<c>ssh -O forward</c>), so it rides the run's one connection
    /// as the SSH.NET forward does. ssh cannot be asked for an ephemeral port over the control socket, so a free one is
    /// picked here; if another process takes it in between, the master refuses and the next one is tried.
    /// </summary>
    public async Task<ILocalForward> ForwardAsync(string host, int port, CancellationToken cancellationToken)
    {
        // The master exists once a command ran; `true` opens it if this is the node's first use.
        var probe = await RunAsync(new RemoteCommand(new[] { "true" }, timeout: _options.ConnectTimeout + TimeSpan.FromSeconds(10), description: "open the connection"),
            cancellationToken).ConfigureAwait(false);
        if (!probe.Succeeded)
            throw new PortForwardException(probe.StandardError.Trim().Length > 0 ? probe.StandardError.Trim() : $"ssh to {Target} failed (exit {probe.ExitCode})", probe.HostKeyRejected);

        string? refusal = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var localPort = FreeLoopbackPort();
            var args = OpenSshArguments.Forward(_options, Target, _controlPath, open: true, localPort, host, port);
            var result = await ProcessRunner.RunAsync(args[0], args, 1, null, TimeSpan.FromSeconds(15), cancellationToken, _options.ScrubbedEnvironment).ConfigureAwait(false);
            if (result.Succeeded) return new OpenSshForward(this, localPort, host, port);
            refusal = result.StandardError.Trim();
        }
        throw new PortForwardException($"{Node}: cannot forward a local port to {host}:{port} over SSH: {refusal}");
    }

    internal void CancelForward(int localPort, string host, int port)
    {
        var args = OpenSshArguments.Forward(_options, Target, _controlPath, open: false, localPort, host, port);
        try
        {
            ProcessRunner.RunAsync(args[0], args, 1, null, TimeSpan.FromSeconds(10), CancellationToken.None, _options.ScrubbedEnvironment)
                .Wait(TimeSpan.FromSeconds(12));
        }
        catch (AggregateException)
        {
            // the master is gone, and its forwards with it
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}

/// <summary>A forward held by the node's ControlMaster; dispose cancels it (the master itself stays for the run).</summary>
internal sealed class OpenSshForward : ILocalForward
{
    private readonly OpenSshShell _shell;
    private readonly string _host;
    private readonly int _port;
    private int _disposed;

    public OpenSshForward(OpenSshShell shell, int localPort, string host, int port)
    {
        _shell = shell;
        LocalPort = localPort;
        _host = host;
        _port = port;
    }

    public string LocalHost => "127.0.0.1";

    public int LocalPort { get; }

    /// <summary>The master reports a failed onward connection only in its own log; the client just sees the connection close.</summary>
    public string? LastError => null;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _shell.CancelForward(LocalPort, _host, _port);
    }
}
