using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace DasOps.NodeEmulator.Sp;

/// <summary>
/// One emulated SP 4.4.0 runtime process (manager or worker), started by wso2/&lt;runtime&gt;/bin/carbon.sh: write
/// runtime.pid, read conf/&lt;runtime&gt;/deployment.yaml and refuse what a real node would choke on, bind the ports of
/// the ground-truth table, serve the msf4j HTTPS API, boot for DASOPS_EMULATOR_STARTUP_MS, log the startup line, then
/// run the manager or worker loop every 250 ms until SIGTERM.
/// </summary>
internal sealed class SpNode(string carbonHome, string runtime, string runtimeHome)
{
    private const int TickMs = 250;
    private readonly ManualResetEventSlim _shutdown = new();
    private readonly Stopwatch _uptime = Stopwatch.StartNew();

    public int Run()
    {
        Directory.CreateDirectory(runtimeHome);
        // kernel 5 Main.writePID: the pid digits only, no newline.
        File.WriteAllBytes(Path.Combine(runtimeHome, "runtime.pid"),
            Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
        using var log = new SpLog(runtimeHome);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var binder = new PortBinder();

        SpConfig config;
        SpManager? manager = null;
        SpWorker? worker = null;
        SpHttps? https = null;
        try
        {
            config = SpConfig.Load(carbonHome, runtime);
            SpPreflight.Run(config);
            BindTcpPorts(config, binder, log);
            if (config.IsManager)
                manager = new SpManager(config, log, config.ClusterEnabled ? new RdbmsElection(config) : new StandaloneElection());
            else
                worker = new SpWorker(config, log);
            https = SpHttps.Start(config, app =>
            {
                manager?.MapRoutes(app);
                worker?.MapRoutes(app);
            });
            log.Info(SpLoggers.Transport, $"HTTPS interface starting on host {config.HttpsHost} and port {config.HttpsPort}");
            log.Info(SpLoggers.Microservices, "All microservices are available");
        }
        catch (RefusalException e)
        {
            binder.Dispose();
            https?.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(3));
            log.Error(e.Logger, e.Message, e.Throwable);
            Console.Error.WriteLine("DasOps node emulator refused to start: " + e.Message);
            return 1;
        }

        if (!_shutdown.Wait(StartupDelayMs()))
        {
            manager?.Start();
            var seconds = (_uptime.ElapsedMilliseconds / 1000.0).ToString("#,##0.000", CultureInfo.InvariantCulture);
            log.Info(SpLoggers.StartupHandler, $"{config.Name} started in {seconds} sec");
            while (!_shutdown.Wait(TickMs))
            {
                try
                {
                    manager?.Tick();
                    worker?.Tick();
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or System.Data.Common.DbException)
                {
                    log.Error(SpLoggers.StartupHandler, "DasOps node emulator: " + e.Message);
                }
            }
        }
        (manager?.Election as IDisposable)?.Dispose();
        https.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(3));
        binder.Dispose();
        return 0;
    }

    /// <summary>The TCP-only ports: HTTP listener, Thrift and binary receivers (binary one higher, the 6.1.26 bug), the worker's store API.</summary>
    private static void BindTcpPorts(SpConfig config, PortBinder binder, SpLog log)
    {
        var address = config.HttpsHost is "0.0.0.0" or "" ? IPAddress.Any : IPAddress.TryParse(config.HttpsHost, out var ip) ? ip : IPAddress.Loopback;
        var ports = new List<(string What, int Port)>();
        if (config.HttpPort > 0)
            ports.Add(("HTTP listener default", config.HttpPort));
        ports.Add(("Thrift receiver", config.ThriftTcp));
        ports.Add(("Thrift SSL receiver", config.ThriftSsl));
        ports.Add(("Binary receiver", config.BinaryTcp));
        ports.Add(("Binary SSL receiver", config.BinarySsl));
        ports.AddRange(config.StoreApiPorts.Where(p => p > 0).Select(p => ("Siddhi store query API", p)));
        foreach (var (what, port) in ports)
            binder.Bind(what, address, port, SpLoggers.Transport).Serve();
        log.Info(SpLoggers.Transport, $"Bound {string.Join(", ", ports.Select(p => $"{p.What} {p.Port}"))} on {address}");
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        _shutdown.Set();
    }

    private static int StartupDelayMs() =>
        int.TryParse(Environment.GetEnvironmentVariable("DASOPS_EMULATOR_STARTUP_MS"), NumberStyles.Integer,
            CultureInfo.InvariantCulture, out var ms) && ms >= 0
            ? ms
            : 1500;
}
