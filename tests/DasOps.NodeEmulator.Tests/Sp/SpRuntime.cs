using DasOps.TestLab;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace DasOps.NodeEmulator.Tests.Sp;

/// <summary>
/// One SP runtime (manager or worker) of a home, driven through bin/&lt;runtime&gt;.sh like an operator over SSH.
/// Every pid read from runtime.pid is remembered, and Dispose kills whatever is still alive.
/// </summary>
internal sealed class SpRuntime : IDisposable
{
    public const int StartupMs = 300;
    private readonly TrackedPids _pids = new();
    private readonly CarbonLogReader _log;

    public SpRuntime(SpHome home, string runtime, string host)
    {
        Home = home;
        Runtime = runtime;
        Host = host;
        _log = new CarbonLogReader(home.File($"wso2/{runtime}/logs/carbon.log"), $"{runtime} log at {host}");
    }

    public SpHome Home { get; }

    public string Runtime { get; }

    public string Host { get; }

    public int HttpsPort => Runtime == "manager" ? 9543 : 9443;

    public string PidPath => Home.File($"wso2/{Runtime}/runtime.pid");

    public string LogPath => _log.Path;

    public (int ExitCode, string Output) Launcher(TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo("sh") { WorkingDirectory = Home.Dir };
        psi.ArgumentList.Add(Home.File($"bin/{Runtime}.sh"));
        foreach (var arg in args)
            psi.ArgumentList.Add(arg);
        psi.Environment.Remove("CARBON_HOME");
        psi.Environment.Remove("RUNTIME_HOME");
        psi.Environment["DASOPS_EMULATOR_STARTUP_MS"] = StartupMs.ToString();
        var result = ProgramRun.Run(psi, timeout, $"{Runtime}.sh {string.Join(' ', args)}");
        TrackPid();
        return (result.ExitCode, result.Output);
    }

    public void Start()
    {
        var (code, output) = Launcher(TimeSpan.FromSeconds(20), "start");
        Assert.Equal(0, code);
        Assert.DoesNotContain("Process is already running", output);
        LabNode.Wait(() => TrackPid() is { } pid && LabNode.IsAlive(pid), TimeSpan.FromSeconds(10), "runtime.pid never named a live process");
    }

    public void StartAndWait()
    {
        var mark = Mark();
        Start();
        WaitForLog("WSO2 Stream Processor started in", TimeSpan.FromSeconds(40), mark);
    }

    public void Stop()
    {
        var pid = TrackPid() ?? throw new InvalidOperationException("no pid file");
        Assert.Equal(0, Launcher(TimeSpan.FromSeconds(10), "stop").ExitCode);
        LabNode.Wait(() => !Directory.Exists($"/proc/{pid}") || !LabNode.IsAlive(pid), TimeSpan.FromSeconds(15), $"process {pid} did not exit after stop");
    }

    public void Kill()
    {
        var pid = TrackPid() ?? throw new InvalidOperationException("no pid file");
        TrackedPids.Signal(pid, "KILL");
        LabNode.Wait(() => !LabNode.IsAlive(pid), TimeSpan.FromSeconds(10), $"process {pid} survived SIGKILL");
    }

    public int? TrackPid()
    {
        if (!File.Exists(PidPath))
            return null;
        if (!int.TryParse(File.ReadAllText(PidPath), out var pid))
            return null;
        return _pids.Add(pid);
    }

    public string Log() => _log.Text();

    public int Mark() => _log.Mark();

    public string LogSince(int mark) => _log.Since(mark);

    public void WaitForLog(string text, TimeSpan timeout, int since = 0) => _log.WaitFor(text, timeout, since);

    public bool Accepts(int port)
    {
        using var client = new TcpClient();
        try
        {
            return client.ConnectAsync(Host, port).Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    })
    { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>One HTTPS call to this runtime's msf4j listener with admin/admin (the stock local user).</summary>
    public (HttpStatusCode Status, string Body, Uri? Location) Call(HttpMethod method, string path, string? body = null,
        string mediaType = "application/json", string user = "admin", string password = "admin")
    {
        using var request = new HttpRequestMessage(method, $"https://{Host}:{HttpsPort}{path}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        if (body != null)
            request.Content = new StringContent(body, Encoding.UTF8, mediaType);
        using var response = Http.Send(request);
        return (response.StatusCode, response.Content.ReadAsStringAsync().GetAwaiter().GetResult(), response.Headers.Location);
    }

    public void Dispose()
    {
        TrackPid();
        _pids.Dispose();
    }
}
