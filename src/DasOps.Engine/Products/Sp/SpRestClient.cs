using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Remote;

namespace DasOps.Engine.Products.Sp;

/// <summary>
/// An SP node's HTTPS REST API (msf4j, basic auth), reached through a port forwarded over the node's own SSH
/// connection: no program runs on the node, no password is on any command line, and it works behind a bastion.
/// The certificate is not checked: the stock one is self-signed, and the forwarded hop runs from the node's SSH server
/// to the node's own address, while the node itself was authenticated by its pinned SSH host key.
/// </summary>
internal sealed class SpRestClient : IDisposable
{
    /// <summary>The bean's default API user (deployment.config httpsInterface username/password: admin/admin).</summary>
    private const string DefaultCredentials = "admin:admin";

    private readonly ILocalForward _forward;
    private readonly HttpClient _http;
    private readonly string _node;

    private SpRestClient(string node, ILocalForward forward, string hostHeader)
    {
        _node = node;
        _forward = forward;
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true, AllowAutoRedirect = false };
        _http = new HttpClient(handler) { BaseAddress = new Uri($"https://{forward.LocalHost}:{forward.LocalPort}/"), Timeout = TimeSpan.FromSeconds(15) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(DefaultCredentials)));
        _http.DefaultRequestHeaders.Host = hostHeader;
    }

    /// <summary>Opens a forward from <paramref name="shell"/>'s node to host:port (the node's own httpsInterface).</summary>
    public static async Task<SpRestClient> OpenAsync(IRemoteShell shell, string host, int port, CancellationToken cancellationToken)
    {
        if (shell is not IPortForwarding forwarding)
            throw new LifecycleException(shell.Node, "this transport cannot forward a port, which the SP REST API is reached through.");
        try
        {
            var forward = await forwarding.ForwardAsync(host, port, cancellationToken).ConfigureAwait(false);
            return new SpRestClient(shell.Node, forward, $"{Spec.Identifiers.ForUrl(host)}:{port}");
        }
        catch (PortForwardException e)
        {
            throw new NodeUnreachableException(shell.Node, e.Message);
        }
    }

    /// <summary>Sends one request; the status and body, or a <see cref="LifecycleException"/> naming the node when nothing answers.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string? textBody, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (textBody != null) request.Content = new StringContent(textBody, Encoding.UTF8, "text/plain");
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = response.Content == null ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            return (response.StatusCode, body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var detail = _forward.LastError ?? e.GetBaseException().Message;
            throw new LifecycleException(_node, $"its SP REST API at {_http.DefaultRequestHeaders.Host} does not answer ({method} /{path.TrimStart('/')}): {detail}");
        }
    }

    public Task<(HttpStatusCode Status, string Body)> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>JSON read as XML (DataContractJsonSerializer's reader, in the BCL of every runtime DasOps supports).</summary>
    public static XElement ParseJson(string json)
    {
        using var reader = JsonReaderWriterFactory.CreateJsonReader(Encoding.UTF8.GetBytes(json), XmlDictionaryReaderQuotas.Max);
        return XElement.Load(reader);
    }

    public void Dispose()
    {
        _http.Dispose();
        _forward.Dispose();
    }
}
