using DasOps.TestLab;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace DasOps.NodeEmulator.Tests;

/// <summary>
/// One emulated node driven through its launcher (sh bin/wso2server.sh ...), like an operator over SSH would.
/// Every pid ever read from the pid file is remembered, and Dispose kills whatever is still alive (TERM, then KILL),
/// so no emulator outlives a test, even a failed one.
/// </summary>
internal sealed class LabNode : IDisposable
{
    public const int StartupMs = 400;
    private readonly TrackedPids _pids = new();
    private readonly CarbonLogReader _log;

    public LabNode(string name, string host)
    {
        Host = host;
        Home = new ProductHome(name);
        _log = new CarbonLogReader(Home.File("repository/logs/wso2carbon.log"), $"log of {host}");
    }

    public string Host { get; }

    public ProductHome Home { get; }

    public string LogPath => _log.Path;

    public string PidPath => Home.File("wso2carbon.pid");

    /// <summary>Runs the launcher and waits for the script itself (start/stop return at once, like the real one).</summary>
    public (int ExitCode, string Output) Launcher(TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo("sh") { WorkingDirectory = Home.Dir };
        psi.ArgumentList.Add(Home.File("bin/wso2server.sh"));
        foreach (var arg in args)
            psi.ArgumentList.Add(arg);
        psi.Environment.Remove("CARBON_HOME");
        psi.Environment.Remove("SPARK_LOCAL_IP");
        psi.Environment["DASOPS_EMULATOR_STARTUP_MS"] = StartupMs.ToString();
        var result = ProgramRun.Run(psi, timeout, $"wso2server.sh {string.Join(' ', args)}");
        TrackPid();
        return (result.ExitCode, result.Output);
    }

    public string Start(params string[] flags)
    {
        var (code, output) = Launcher(TimeSpan.FromSeconds(20), ["start", .. flags]);
        Assert.Equal(0, code);
        Assert.DoesNotContain("Process is already running", output);
        Wait(() => TrackPid() is { } pid && IsAlive(pid), TimeSpan.FromSeconds(10), "the pid file never named a live process");
        return output;
    }

    /// <summary>
    /// kill -term through the launcher, then waits until the process is gone and reaped: the launcher's own
    /// "ps -p" check counts an unreaped zombie as running, exactly like the real script would.
    /// </summary>
    public void Stop()
    {
        var pid = TrackPid() ?? throw new InvalidOperationException("no pid file");
        Assert.Equal(0, Launcher(TimeSpan.FromSeconds(10), "stop").ExitCode);
        Wait(() => !IsAlive(pid), TimeSpan.FromSeconds(10), $"process {pid} did not exit after stop");
        Wait(() => !Directory.Exists($"/proc/{pid}"), TimeSpan.FromSeconds(10), $"process {pid} was never reaped");
    }

    /// <summary>SIGKILL: a crash, no graceful Hazelcast leave, so the others must notice by the missing heartbeats.</summary>
    public void Kill()
    {
        var pid = TrackPid() ?? throw new InvalidOperationException("no pid file");
        TrackedPids.Signal(pid, "KILL");
        Wait(() => !IsAlive(pid), TimeSpan.FromSeconds(10), $"process {pid} survived SIGKILL");
    }

    /// <summary>The pid from the 100-byte pid file (NULs and whitespace trimmed), remembered for cleanup.</summary>
    public int? TrackPid()
    {
        if (!File.Exists(PidPath))
            return null;
        var text = Encoding.ASCII.GetString(File.ReadAllBytes(PidPath)).Trim('\0', ' ', '\n', '\r');
        if (!int.TryParse(text, out var pid))
            return null;
        return _pids.Add(pid);
    }

    /// <summary>Alive and not a zombie (an orphan's zombie passes kill -0 until reaped).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException)
        {
            return false;
        }
    }

    public string Log() => _log.Text();

    public int Mark() => _log.Mark();

    public string LogSince(int mark) => _log.Since(mark);

    public void WaitForLog(string text, TimeSpan timeout, int since = 0) => _log.WaitFor(text, timeout, since);

    public string[] Members()
    {
        var path = Home.File("repository/logs/dasops-emulator-members.txt");
        return File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).ToArray() : [];
    }

    public JsonElement State()
    {
        var path = Home.File("repository/logs/dasops-emulator-state.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
    }

    /// <summary>GET http://host:port/json/ of a Spark master web UI.</summary>
    public JsonElement SparkJson(int port = 8081)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var body = http.GetStringAsync($"http://{Host}:{port}/json/").GetAwaiter().GetResult();
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public string? SparkStatus(int port = 8081)
    {
        try
        {
            return SparkJson(port).GetProperty("status").GetString();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

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

    public static void Wait(Func<bool> condition, TimeSpan timeout, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
                Assert.Fail($"after {timeout.TotalSeconds:0.#} s: {failure}");
            Thread.Sleep(100);
        }
    }

    public void Dispose()
    {
        TrackPid();
        _pids.Dispose();
    }
}
