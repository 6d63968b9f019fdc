using System.Net.Sockets;
using System.Text;

namespace DasOps.NodeEmulator;

/// <summary>
/// Minimal HTTP/1.1 server for the Spark master web UI port: GET /json and /json/ return the master state
/// (WebUI.attachPage maps "&lt;page&gt;/json"), GET / a one-line HTML page, anything else 404. One request per connection.
/// </summary>
internal static class SparkMasterUi
{
    public static async Task HandleAsync(TcpClient client, Func<string> json, Func<string> status, CancellationToken token)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII, false, 4096, leaveOpen: true);
        var requestLine = await reader.ReadLineAsync(timeout.Token);
        if (requestLine == null)
            return;
        while (!string.IsNullOrEmpty(await reader.ReadLineAsync(timeout.Token)))
        {
            // skip request headers
        }
        var parts = requestLine.Split(' ');
        var method = parts.Length > 0 ? parts[0] : "";
        var path = parts.Length > 1 ? parts[1].Split('?')[0] : "/";

        (int Code, string Reason, string Type, string Body) response = (method, path) switch
        {
            ("GET" or "HEAD", "/json" or "/json/") => (200, "OK", "application/json", json()),
            ("GET" or "HEAD", "/") => (200, "OK", "text/html",
                $"<html><head><title>Spark Master</title></head><body><h3>Spark Master</h3><p>Status: {status()}</p></body></html>"),
            _ => (404, "Not Found", "text/plain", "Not Found"),
        };
        var body = Encoding.UTF8.GetBytes(response.Body);
        var head = $"HTTP/1.1 {response.Code} {response.Reason}\r\nContent-Type: {response.Type};charset=utf-8\r\n" +
                   $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), timeout.Token);
        if (method != "HEAD")
            await stream.WriteAsync(body, timeout.Token);
        await stream.FlushAsync(timeout.Token);
    }
}
