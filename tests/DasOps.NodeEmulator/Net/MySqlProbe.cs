using System.Net.Sockets;

namespace DasOps.NodeEmulator;

/// <summary>
/// Stands in for the MySQL JDBC driver's first connect: the emulator cannot speak the MySQL protocol, but a host:port
/// that does not accept a TCP connection within the connect timeout fails a real pool the same way
/// ("Communications link failure").
/// </summary>
internal static class MySqlProbe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Host and port of a jdbc:mysql URL (first host of a multi-host URL; default port 3306); null if not MySQL.</summary>
    public static (string Host, int Port)? Parse(string? url)
    {
        if (url == null || !url.StartsWith("jdbc:mysql:", StringComparison.OrdinalIgnoreCase))
            return null;
        var slashes = url.IndexOf("//", StringComparison.Ordinal);
        if (slashes < 0)
            return null;
        var rest = url[(slashes + 2)..];
        var end = rest.IndexOfAny(['/', '?', ',']);
        var hostPort = end < 0 ? rest : rest[..end];
        var at = hostPort.LastIndexOf('@');
        if (at >= 0)
            hostPort = hostPort[(at + 1)..];
        var colon = hostPort.LastIndexOf(':');
        if (colon > 0 && int.TryParse(hostPort[(colon + 1)..], out var port))
            return (hostPort[..colon], port);
        return (hostPort.Length == 0 ? "localhost" : hostPort, 3306);
    }

    /// <summary>Null when the port accepts a connection, else the Java-style cause text.</summary>
    public static async Task<string?> ProbeAsync(string host, int port)
    {
        using var client = new TcpClient();
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await client.ConnectAsync(host, port, cts.Token);
            return null;
        }
        catch (OperationCanceledException)
        {
            return "java.net.SocketTimeoutException: connect timed out";
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return "java.net.ConnectException: Connection refused (Connection refused)";
        }
        catch (SocketException e)
        {
            return $"java.net.ConnectException: {e.Message}";
        }
    }
}
