using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DasOps.NodeEmulator.Sp;

/// <summary>
/// The msf4j-https listener: Kestrel on the configured host:port with a throw-away self-signed certificate (the real
/// node serves wso2carbon.jks, which is self-signed too) and basic auth against the auth.configs local users.
/// </summary>
internal sealed class SpHttps : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SpHttps(WebApplication app) => _app = app;

    public static SpHttps Start(SpConfig config, Action<WebApplication> routes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var address = config.HttpsHost is "0.0.0.0" or "" ? IPAddress.Any : ParseAddress(config.HttpsHost);
        var certificate = SelfSigned(config.HttpsInterface?.Host ?? "localhost");
        builder.WebHost.ConfigureKestrel(k => k.Listen(address, config.HttpsPort, l => l.UseHttps(certificate)));
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (!Authorized(context.Request, config))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            await next(context);
        });
        routes(app);
        try
        {
            app.StartAsync().GetAwaiter().GetResult();
        }
        catch (IOException e) when (e.InnerException is SocketException or null)
        {
            var reason = e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } ? "Address already in use" : e.Message;
            throw new RefusalException(SpLoggers.Transport,
                $"Failed to start HTTPS listener msf4j-https on {address}:{config.HttpsPort}: java.net.BindException: {reason} (port {config.HttpsPort})",
                "java.net.BindException: " + reason);
        }
        return new SpHttps(app);
    }

    private static IPAddress ParseAddress(string host)
    {
        if (IPAddress.TryParse(host, out var ip))
            return ip;
        return host == "localhost" ? IPAddress.Loopback : Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);
    }

    private static bool Authorized(HttpRequest request, SpConfig config)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return false;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = decoded.IndexOf(':');
        return colon > 0 && config.Users.TryGetValue(decoded[..colon], out var password) && password == decoded[(colon + 1)..];
    }

    private static X509Certificate2 SelfSigned(string host)
    {
        // ECDSA: an RSA key takes seconds to generate on a loaded lab host, and TLS clients accept either.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}, O=DasOps lab", key, HashAlgorithmName.SHA256);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(cts.Token);
        await _app.DisposeAsync();
    }
}
