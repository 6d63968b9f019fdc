using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace DasOps.NodeEmulator;

/// <summary>
/// One emulated DAS node process, from the pid file to "Halting JVM": load and check the configuration (refusing
/// like a real node would), bind the ports, boot for DASOPS_EMULATOR_STARTUP_MS, join the cluster, start CEP and
/// Spark, log the startup lines, then follow the cluster every 250 ms until SIGTERM.
/// </summary>
internal sealed class Node(string carbonHome, SystemProperties props)
{
    private const int TickMs = 250;
    private readonly ManualResetEventSlim _shutdown = new();
    private readonly Stopwatch _uptime = Stopwatch.StartNew();

    /// <summary>Graceful Hazelcast leave, set once the node has joined the cluster.</summary>
    private Action? _leave;

    public int Run()
    {
        PidFile.Write(carbonHome, Environment.ProcessId);
        using var log = new CarbonLog(carbonHome);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var binder = new PortBinder();
        LogPreamble(log);

        NodeConfig config;
        CepHaManager cep;
        StartupPorts ports;
        try
        {
            config = NodeConfig.Load(carbonHome, props, NodeProfile.From(props));
            Preflight.Run(config);
            cep = new CepHaManager(config, log);
            ports = StartupPorts.Bind(config, cep, binder);
        }
        catch (RefusalException e)
        {
            binder.Dispose();
            log.Error(e.Logger, e.Message, e.Throwable);
            Console.Error.WriteLine("DasOps node emulator refused to start: " + e.Message);
            return 1;
        }

        var name = config.Carbon.Name;
        if (!_shutdown.Wait(StartupDelayMs()))
            RunUntilShutdown(config, cep, ports, binder, log);

        log.Info(Loggers.ServerManager, "Shutdown hook triggered....");
        log.Info(Loggers.ServerManager, $"Gracefully shutting down {name}...");
        log.Info(Loggers.ServerManager, $"Shutting down {name}...");
        _leave?.Invoke();
        binder.Dispose();
        log.Info(Loggers.ServerManager, "Shutting down OSGi framework...");
        log.Info(Loggers.ServerManager, "Shutdown complete");
        log.Info(Loggers.ServerManager, "Halting JVM");
        return 0;
    }

    private void RunUntilShutdown(NodeConfig config, CepHaManager cep, StartupPorts ports, PortBinder binder, CarbonLog log)
    {
        var spark = config.Spark != null ? new SparkCoordinator(config, log, binder) : null;
        Membership? membership = null;
        if (config.Clustering.Enabled)
        {
            membership = new Membership(config, log, m =>
            {
                m.AnalyticsEngine = config.Profile.AnalyticsEngine;
                m.EventSink = config.Profile.EventSink;
                m.Indexing = config.Profile.Indexing;
                cep.Decorate(m);
                spark?.Decorate(m);
            });
            membership.InitAsync(ports.Hazelcast!).GetAwaiter().GetResult();
            _leave = () => membership.LeaveAsync().Wait(TimeSpan.FromSeconds(2));
        }

        cep.Activate(ports.EventSync);
        var view = membership?.Poll().View ?? [];
        if (membership != null)
        {
            // HAManager starts when the Hazelcast instance is bound, before the Spark executor comes up.
            cep.InitWithHazelcast(ports.Management);
            cep.Evaluate(view, membership.Uuid);
        }
        if (spark != null)
        {
            if (membership != null)
                spark.InitClustered(view, membership.Uuid);
            else
                spark.InitWithoutCarbonClustering();
        }

        var state = new StateFiles(carbonHome);
        void Tick()
        {
            try
            {
                var current = membership?.Poll().View ?? [];
                if (membership != null)
                    cep.Evaluate(current, membership.Uuid);
                spark?.Evaluate(current);
                state.Update(current, membership?.Uuid, spark?.Status ?? "none", cep.Role);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // e.g. the logs directory removed under a running node: keep serving, like a JVM would
                log.Error(Loggers.ServerManager, "DasOps node emulator: " + e.Message);
            }
        }

        Tick();
        var port = config.Transports.HttpsProxy ?? config.HttpsPort;
        log.Info(Loggers.UiComponent, $"Mgt Console URL  : https://{config.MgtConsoleHost}:{port}/carbon/");
        log.Info(Loggers.StartupFinalizer, $"Server           :  {config.Carbon.Name}-{config.Carbon.Version}");
        log.Info(Loggers.StartupFinalizer, $"WSO2 Carbon started in {_uptime.ElapsedMilliseconds / 1000} sec");
        cep.AfterStartup();

        while (!_shutdown.Wait(TickMs))
            Tick();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // shut down gracefully instead of the runtime's default exit
        _shutdown.Set();
    }

    /// <summary>A real node needs tens of seconds; the lab wants ~1-3 s (DASOPS_EMULATOR_STARTUP_MS, default 1500).</summary>
    private static int StartupDelayMs() =>
        int.TryParse(Environment.GetEnvironmentVariable("DASOPS_EMULATOR_STARTUP_MS"), NumberStyles.Integer,
            CultureInfo.InvariantCulture, out var ms) && ms >= 0
            ? ms
            : 1500;

    /// <summary>Java's user.language-user.country, taken from LANG (en_US.UTF-8 → en-US) since the emulator runs invariant.</summary>
    private static string UserLocale()
    {
        var lang = Environment.GetEnvironmentVariable("LANG") ?? "";
        var locale = lang.Split('.')[0].Replace('_', '-');
        return locale.Length >= 2 && locale != "C" && locale != "POSIX" ? locale : "en-US";
    }

    /// <summary>CarbonCoreActivator's first lines, with the emulator's runtime standing in for the JVM.</summary>
    private void LogPreamble(CarbonLog log)
    {
        log.Info(Loggers.CoreActivator, "Starting WSO2 Carbon...");
        log.Info(Loggers.CoreActivator, $"Operating System : {RuntimeInformation.OSDescription}, {RuntimeInformation.OSArchitecture}");
        log.Info(Loggers.CoreActivator, $"Java Home        : {RuntimeEnvironment.GetRuntimeDirectory()}");
        log.Info(Loggers.CoreActivator, $"Java Version     : {Environment.Version}");
        log.Info(Loggers.CoreActivator, $"Java VM          : {RuntimeInformation.FrameworkDescription} (DasOps node emulator)");
        log.Info(Loggers.CoreActivator, $"Carbon Home      : {carbonHome}");
        log.Info(Loggers.CoreActivator, $"Java Temp Dir    : {Path.Combine(carbonHome, "tmp")}");
        log.Info(Loggers.CoreActivator, $"User             : {Environment.UserName}, {UserLocale()}, {TimeZoneInfo.Local.Id}");
    }
}
