using System.Net.Http.Headers;
using System.Text;

namespace DasOps.NodeEmulator.Sp;

/// <summary>HTTPS calls between SP nodes: self-signed certificates accepted, redirects not followed, basic auth per call.</summary>
internal static class SpClient
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    })
    { Timeout = TimeSpan.FromSeconds(5) };

    public static HttpResponseMessage Send(HttpMethod method, SpInterface target, string path, string? body = null, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(method, $"https://{target.Host}:{target.Port}{path}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{target.Username}:{target.Password}")));
        if (body != null)
            request.Content = new StringContent(body, Encoding.UTF8, mediaType);
        return Http.Send(request);
    }
}
