using System.Net.Sockets;
using System.Text;

namespace DasOps.NodeEmulator;

/// <summary>
/// CEP event-processor management (analytics-common 5.1.37 CarbonEventManagementService + HAManager). Among the
/// members taking part in HA, the oldest is Active, the next Passive, the rest Backup; roles are sticky because a
/// restarted member is always the youngest, which mirrors the real active/passive Hazelcast locks. The passive
/// really syncs: it connects to the active's management (snapshot) port and retries like the real one.
/// </summary>
internal sealed class CepHaManager
{
    public const string Active = "Active";
    public const string Passive = "Passive";
    public const string Backup = "Backup";
    public const string NoRole = "none";

    private readonly object _gate = new();
    private readonly NodeConfig _config;
    private readonly CarbonLog _log;
    private readonly HaConfig? _ha;
    private string _role = NoRole;
    private bool _synced;
    private int _generation;

    public CepHaManager(NodeConfig config, CarbonLog log)
    {
        _config = config;
        _log = log;
        _ha = config.Cep.Mode == CepMode.HA ? config.Cep.Ha : null;
        if (_ha != null)
        {
            EventSync = _ha.EventSync with { Port = _ha.EventSync.Port + config.HaOffset };
            Management = _ha.Management with { Port = _ha.Management.Port + config.HaOffset };
            Presentation = _ha.Presentation with { Port = _ha.Presentation.Port + config.HaOffset };
        }
    }

    public HostPort? EventSync { get; }

    public HostPort? Management { get; }

    public HostPort? Presentation { get; }

    /// <summary>HA worker node: runs the eventSync TCP server (CarbonEventManagementService constructor).</summary>
    public bool HaWorker => _ha?.Worker == true && _config.Cep.LoadError == null;

    /// <summary>Presenter-only nodes bind the presentation server (isPresenterNode &amp;&amp; !isWorkerNode).</summary>
    public bool PresenterOnly => _ha is { Presenter: true, Worker: false } && _config.Cep.LoadError == null;

    /// <summary>Takes part in the active/passive election: HA worker, clustered, and both host names usable by peers.</summary>
    public bool Participates =>
        HaWorker && _config.Clustering.Enabled && ValidHost(EventSync!.Host) && ValidHost(Management!.Host);

    public string Role
    {
        get
        {
            lock (_gate)
                return _role;
        }
    }

    /// <summary>CarbonEventManagementService.validateHostName.</summary>
    private static bool ValidHost(string host) => host.Trim() is not ("0.0.0.0" or "localhost" or "127.0.0.1" or "::1");

    /// <summary>Service activation: the mode line and, on HA workers, the eventSync server.</summary>
    public void Activate(BoundPort? eventSyncPort)
    {
        if (_config.Cep.LoadError is { } error)
        {
            _log.Error(Loggers.CepServiceDs, error);
            return;
        }
        if (_config.Cep.ModeLogLine is { } line)
            _log.Info(Loggers.CepModeLoader, line);
        if (eventSyncPort != null && EventSync != null)
        {
            eventSyncPort.Serve();
            _log.Info(Loggers.TcpEventServer, $"EventServer starting event listener on {eventSyncPort.EndPoint.Address}:{EventSync.Port}");
            _log.Info(Loggers.CepEventHandler, $"Event Management TCPEventServer for EventReceiver started on port {EventSync.Port}");
        }
    }

    /// <summary>init(HazelcastInstance): host name checks, then the HAManager and its snapshot server.</summary>
    public void InitWithHazelcast(BoundPort? managementPort)
    {
        if (_config.Cep.LoadError != null)
            return;
        if (_config.Cep.Mode == CepMode.SingleNode)
            _log.Warn(Loggers.CepService, "CEP started with clustering enabled, but SingleNode configuration given.");
        if (!HaWorker)
            return;
        foreach (var (what, endpoint) in new[] { ("eventSync configuration", EventSync!), ("management configuration", Management!) })
            if (!ValidHost(endpoint.Host))
                _log.Error(Loggers.CepService, $"Hostname : {endpoint.Host} defined for {what} is invalid. Please add proper IP " +
                                               "address of the node. This IP address is used by other nodes in the cluster to communicate.");
        if (_ha!.Presenter && !ValidHost(Presentation!.Host))
            _log.Error(Loggers.CepService, $"Hostname : {Presentation.Host} defined for presentation purpose is invalid. Please add " +
                                           "proper IP address of the node. This IP address is used by other nodes in the cluster to communicate.");
        if (managementPort == null)
            return;
        managementPort.Serve(ServeSnapshotAsync);
        _log.Info(Loggers.HaManager, $"CEP HA Snapshot Server started on {Management!.Host}:{Management.Port}");
    }

    public void Decorate(MemberInfo m)
    {
        m.HaParticipant = Participates;
        m.MgmtHost = Management?.Host;
        m.MgmtPort = Management?.Port ?? 0;
        m.EventSyncHost = EventSync?.Host;
        m.EventSyncPort = EventSync?.Port ?? 0;
    }

    /// <summary>Re-derives the role from the member view and logs HAManager's transitions.</summary>
    public void Evaluate(IReadOnlyList<MemberInfo> view, string selfUuid)
    {
        if (!Participates)
            return;
        var participants = view.Where(m => m.HaParticipant).ToList();
        var index = participants.FindIndex(m => m.Uuid == selfUuid);
        var role = index switch { 0 => Active, 1 => Passive, _ => Backup };
        int generation;
        bool synced;
        lock (_gate)
        {
            if (role == _role)
                return;
            _role = role;
            generation = ++_generation;
            synced = _synced;
        }
        if (role == Active)
        {
            if (!synced && _ha!.PersistenceEnabled)
                _log.Info(Loggers.HaManager, "Restored to Last Known State.");
            _log.Info(Loggers.HaManager, "Became CEP HA Active Member");
        }
        else if (role == Passive)
        {
            BecomePassive(participants[0], generation);
        }
        else
        {
            _log.Info(Loggers.HaManager, "Became CEP HA Backup Member");
        }
    }

    /// <summary>The delayed "Starting polling event receivers" of SingleNode and HA worker nodes.</summary>
    public void AfterStartup()
    {
        if (_config.Cep.LoadError == null && (_config.Cep.Mode == CepMode.SingleNode || HaWorker))
            _log.Info(Loggers.CepService, "Starting polling event receivers");
    }

    private void BecomePassive(MemberInfo active, int generation)
    {
        var publisherTarget = $"{active.EventSyncHost}:{active.EventSyncPort}";
        var publisherError = TryConnect(active.EventSyncHost, active.EventSyncPort);
        if (publisherError == null)
            _log.Info(Loggers.CepEventHandler, $"CEP sync publisher initiated to Member '{publisherTarget}'");
        else
            _log.Error(Loggers.CepEventHandler, "Error occurred while trying to start the publisher: " + publisherError);
        _log.Info(Loggers.HaManager, "Became CEP HA Passive Member");
        _ = Task.Run(() => SyncLoop(active, generation));
    }

    /// <summary>HAManager.becomePassive's sync runnable: fetch the snapshot from the active, retry on failure.</summary>
    private async Task SyncLoop(MemberInfo active, int generation)
    {
        while (true)
        {
            lock (_gate)
                if (_generation != generation)
                    return;
            _log.Info(Loggers.HaManager, "CEP HA State syncing started..");
            var error = await FetchSnapshotAsync(active.MgmtHost, active.MgmtPort);
            if (error == null)
            {
                lock (_gate)
                    _synced = true;
                _log.Info(Loggers.HaManager, "CEP HA State successfully synced.");
                return;
            }
            _log.Error(Loggers.HaManager, "CEP HA State syncing failed, " + error,
                "org.wso2.carbon.event.processor.manager.core.exception.EventManagementException: " + error);
            await Task.Delay(_ha!.StateSyncRetryMs);
        }
    }

    private static string? TryConnect(string? host, int port)
    {
        if (string.IsNullOrEmpty(host))
            return "no eventSync host";
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(1)) ? null : "connect timed out";
        }
        catch (AggregateException e) when (e.InnerException is SocketException s)
        {
            return s.Message;
        }
    }

    private static async Task<string?> FetchSnapshotAsync(string? host, int port)
    {
        if (string.IsNullOrEmpty(host))
            return "no management host for the active member";
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, cts.Token);
            var stream = client.GetStream();
            await GossipWire.WriteLineAsync(stream, "SYNC", cts.Token);
            using var reader = new StreamReader(stream, Encoding.UTF8, false, 256, leaveOpen: true);
            return await reader.ReadLineAsync(cts.Token) == "OK" ? null : $"unexpected reply from {host}:{port}";
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return $"org.apache.thrift.transport.TTransportException: java.net.ConnectException: {e.Message} ({host}:{port})";
        }
    }

    /// <summary>The snapshot server side: answers a SYNC request with OK (the state itself is not emulated).</summary>
    private static async Task ServeSnapshotAsync(TcpClient client, CancellationToken token)
    {
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8, false, 256, leaveOpen: true);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        if (await reader.ReadLineAsync(timeout.Token) == "SYNC")
            await GossipWire.WriteLineAsync(stream, "OK", timeout.Token);
    }
}
