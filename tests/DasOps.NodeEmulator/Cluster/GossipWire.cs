using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace DasOps.NodeEmulator;

/// <summary>An endpoint another member knows about (used only as a target to contact, never trusted as alive).</summary>
internal sealed record KnownEndpoint(string Uuid, string Host, int Port);

/// <summary>One line of the membership protocol: "hello" (answered by a hello) or "leave" (graceful shutdown).</summary>
internal sealed class GossipMessage
{
    public string Type { get; set; } = "hello";
    public MemberInfo Self { get; set; } = new();
    public List<KnownEndpoint> Members { get; set; } = [];
}

/// <summary>
/// The wire format of the Hazelcast stand-in: a TCP connection carries one JSON line each way. Simple on
/// purpose: it is a test-lab protocol, readable with nc, not Hazelcast's.
/// </summary>
internal static class GossipWire
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Encode(GossipMessage message) => JsonSerializer.Serialize(message, Json);

    public static GossipMessage? Decode(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
            return null;
        try
        {
            return JsonSerializer.Deserialize<GossipMessage>(line, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Sends a message and (for hello) reads the answer; null on any failure or timeout.</summary>
    public static async Task<GossipMessage?> ExchangeAsync(string host, int port, GossipMessage message, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(host, port, cts.Token);
            var stream = client.GetStream();
            await WriteLineAsync(stream, Encode(message), cts.Token);
            if (message.Type != "hello")
                return null;
            using var reader = new StreamReader(stream, Encoding.UTF8, false, 4096, leaveOpen: true);
            return Decode(await reader.ReadLineAsync(cts.Token));
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            return null;
        }
    }

    public static async Task WriteLineAsync(NetworkStream stream, string line, CancellationToken token)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        await stream.WriteAsync(bytes, token);
        await stream.FlushAsync(token);
    }
}
