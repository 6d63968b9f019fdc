namespace DasOps.NodeEmulator;

/// <summary>
/// The Spark side of SparkAnalyticsExecutor (carbon-analytics 1.3.25). In Carbon-clustered mode a Spark node starts a
/// master at init when its URL is already in the (gossiped) master map or the map holds fewer than
/// carbon.spark.master.count entries; the map is never pruned while the cluster lives, so a restarted master comes back
/// as a master. One master is the elected leader (ALIVE), the others STANDBY; the oldest Spark node is the Carbon
/// "clustering leader" of the CARBON_ANALYTICS_EXECUTION group and logs the election lines.
/// </summary>
internal sealed class SparkCoordinator
{
    private readonly object _gate = new();
    private readonly NodeConfig _config;
    private readonly SparkSettings _s;
    private readonly CarbonLog _log;
    private readonly PortBinder _binder;
    private readonly int _count;
    private readonly List<string> _masterMap = [];
    private readonly HashSet<string> _group = new(StringComparer.Ordinal);
    private IReadOnlyList<MemberInfo> _view = [];
    private string _self = "";
    private bool _initDone, _master, _leader, _worker, _client, _groupLeader;
    private long _clientStartedMs;

    public SparkCoordinator(NodeConfig config, CarbonLog log, PortBinder binder)
    {
        _config = config;
        _s = config.Spark!;
        _log = log;
        _binder = binder;
        Mode = config.SparkMode;
        _count = _s.MasterCount(Mode);
        Host = config.SparkHost;
        Url = $"spark://{Host}:{_s.MasterPort}";
    }

    public SparkMode Mode { get; }

    public string Host { get; }

    public string Url { get; }

    /// <summary>Joins the CARBON_ANALYTICS_EXECUTION group (clustered node running the executor).</summary>
    private bool GroupMember => _config.Clustering.Enabled && Mode is SparkMode.CarbonClustered or SparkMode.External;

    public string Status
    {
        get
        {
            lock (_gate)
                return !_master ? "none" : _leader ? "ALIVE" : "STANDBY";
        }
    }

    /// <summary>Executor start without the Carbon cluster: Spark in client mode (local, or an external master).</summary>
    public void InitWithoutCarbonClustering()
    {
        var kind = Mode == SparkMode.Local ? "local" : ExternalKind();
        _log.Info(Loggers.SparkExecutor, $"[Spark init] Starting SPARK in client {kind}. Master : {_s.Master}");
        if (!GroupMember)
            StartClient(_s.Master);
        lock (_gate)
            _initDone = true;
    }

    private string ExternalKind()
    {
        var m = _s.Master.ToLowerInvariant();
        return m.StartsWith("spark", StringComparison.Ordinal) ? "standaloneSpark" : m.StartsWith("yarn", StringComparison.Ordinal) ? "yarn" : "mesos";
    }

    /// <summary>runClusteredSetupLogic, run once the node has joined the Carbon cluster.</summary>
    public void InitClustered(IReadOnlyList<MemberInfo> view, string selfUuid)
    {
        lock (_gate)
        {
            _self = selfUuid;
            _view = view;
            MergeMasterMaps(view);
            var self = view.First(m => m.Uuid == selfUuid);
            if (Mode == SparkMode.External)
            {
                InitWithoutCarbonClustering();
                _initDone = true;
                return;
            }
            if (_s.Master.StartsWith("local", StringComparison.OrdinalIgnoreCase))
                _log.Warn(Loggers.SparkExecutor, "[Spark init - clustered] Using 'local' with Carbon clustering is deprecated. " +
                                                 "Please use 'carbon.spark.master carbon' instead!");
            _log.Info(Loggers.SparkExecutor, "[Spark init] Starting SPARK in Carbon clustering mode.");
            _log.Info(Loggers.SparkExecutor, "[Spark init - clustered] Local member : " + self.HazelcastString(true));
            if (ShouldStartMaster(view, self))
            {
                _log.Info(Loggers.SparkExecutor, "[Spark init - clustered] Masters available are less than the redundant master count " +
                                                 "or This is/ has been a member of the MasterMap");
                _log.Info(Loggers.SparkExecutor, "[Spark init - clustered] Starting SPARK MASTER...");
                StartMaster();
            }
            _group.Add(_self);
            if (OldestSparkNode(view)?.Uuid == _self)
            {
                _groupLeader = true;
                OnBecomingLeader(view, []);
            }
            _log.Info(Loggers.SparkExecutor, "[Spark init - clustered] Member joined the Carbon Analytics Execution cluster : " +
                                             self.HazelcastString(true));
            if (_master && !_leader && !view.Any(m => m.Uuid != _self && m.SparkLeader) && !OlderPending(view, self).Any())
            {
                _log.Info(Loggers.SparkExecutor, "[Spark init - master] No elected leader is available. Hence electing this member as the leader");
                _leader = true;
            }
            if (_masterMap.Count >= _count)
            {
                _log.Info(Loggers.SparkExecutor, "[Spark init - clustered] Redundant master count reached. Starting workers in all members...");
                StartWorker();
                _log.Info(Loggers.SparkExecutor, "[Spark init - clustered] Redundant master count reached. Starting Spark client app in " +
                                                 "the carbon cluster master...");
                if (_groupLeader)
                    StartClient(MasterUrlList());
            }
            _initDone = true;
        }
    }

    /// <summary>Called on every tick after init with the current member view.</summary>
    public void Evaluate(IReadOnlyList<MemberInfo> view)
    {
        lock (_gate)
        {
            if (!_initDone || !GroupMember)
                return;
            var previous = _view;
            _view = view;
            MergeMasterMaps(view);
            var self = view.First(m => m.Uuid == _self);
            var group = view.Where(m => m.SparkNode && (m.SparkInitDone || m.Uuid == _self)).ToList();
            var joined = group.Where(m => !_group.Contains(m.Uuid)).ToList();
            var left = previous.Where(m => _group.Contains(m.Uuid) && group.All(g => g.Uuid != m.Uuid)).ToList();
            _group.Clear();
            _group.UnionWith(group.Select(m => m.Uuid));

            var isGroupLeader = OldestSparkNode(view)?.Uuid == _self;
            if (isGroupLeader && !_groupLeader)
                OnBecomingLeader(view, left);
            else if (isGroupLeader && (joined.Count > 0 || left.Count > 0))
                OnMembersChange(view, left.Count > 0, left);
            _groupLeader = isGroupLeader;
            // After the election lines above, so a standby that the clustering leader just elected logs it first.
            UpdateLeaderClaim(view, self);

            if (Mode == SparkMode.CarbonClustered && !_worker && _masterMap.Count >= _count)
                StartWorker();
            if (_groupLeader && !_client && (Mode == SparkMode.External || _masterMap.Count >= _count))
                StartClient(Mode == SparkMode.External ? _s.Master : MasterUrlList());
        }
    }

    public void Decorate(MemberInfo m)
    {
        lock (_gate)
        {
            m.SparkNode = GroupMember;
            m.SparkInitDone = _initDone;
            m.SparkHost = Host;
            m.SparkUrl = Url;
            m.SparkMaster = _master;
            m.SparkLeader = _master && _leader;
            m.WorkerStarted = _worker;
            m.WorkerPort = _s.WorkerPort;
            m.WorkerWebUiPort = _s.WorkerWebUiPort;
            m.WorkerCores = _s.WorkerCores;
            m.WorkerMemoryMb = _s.WorkerMemoryMb;
            m.ClientRunning = _client;
            m.ClientStartedAtMs = _clientStartedMs;
            m.AppName = _s.AppName;
            m.ExecutorMemoryMb = _s.ExecutorMemoryMb;
            m.MasterMap = [.. _masterMap];
        }
    }

    /// <summary>The master web UI's /json document (Spark 1.6 JsonProtocol.writeMasterState).</summary>
    public string MasterJson()
    {
        lock (_gate)
            return SparkMasterJson.Build(Url, _leader ? "ALIVE" : "STANDBY", _leader ? _view : []);
    }

    private static IEnumerable<MemberInfo> OlderPending(IReadOnlyList<MemberInfo> view, MemberInfo self) =>
        view.Where(m => m.SparkNode && !m.SparkInitDone && m.IsOlderThan(self));

    private static MemberInfo? OldestSparkNode(IReadOnlyList<MemberInfo> view) => view.FirstOrDefault(m => m.SparkNode);

    /// <summary>
    /// Start a master if this URL is (or was) in the master map, or the map has room. Older Spark members still in their
    /// own init are counted first, so two nodes booting together decide the same way.
    /// </summary>
    private bool ShouldStartMaster(IReadOnlyList<MemberInfo> view, MemberInfo self)
    {
        if (_masterMap.Contains(Url))
            return true;
        var taken = _masterMap.Count;
        foreach (var pending in OlderPending(view, self))
            if (pending.SparkUrl != null && !_masterMap.Contains(pending.SparkUrl) && taken < _count)
                taken++;
        return taken < _count;
    }

    /// <summary>A live member keeps its claim; without one the oldest live master claims it, and the younger of two claimants yields.</summary>
    private void UpdateLeaderClaim(IReadOnlyList<MemberInfo> view, MemberInfo self)
    {
        if (!_master)
            return;
        var others = view.Where(m => m.Uuid != _self && m.SparkLeader).ToList();
        if (_leader)
        {
            if (others.Any(o => o.IsOlderThan(self)))
                _leader = false;
            return;
        }
        var oldestMaster = view.FirstOrDefault(m => m.SparkMaster || m.Uuid == _self);
        if (others.Count == 0 && oldestMaster?.Uuid == _self && !OlderPending(view, self).Any())
            _leader = true;
    }

    private void OnBecomingLeader(IReadOnlyList<MemberInfo> view, IReadOnlyList<MemberInfo> left)
    {
        _log.Info(Loggers.SparkExecutor, "[Spark leader election] This node is now the CARBON CLUSTERING LEADER");
        if (Mode != SparkMode.CarbonClustered)
        {
            _log.Info(Loggers.SparkExecutor, "[Spark leader election] Analytics cluster leadership has changed. Hence, re-creating the Spark Client application");
            StartClient(_s.Master);
            return;
        }
        if (_masterMap.Count == 0)
            return;
        if (_masterMap.Count < _count)
        {
            _log.Info(Loggers.SparkExecutor, "[Spark leader election] Master map size is less than the redundant master count");
            return;
        }
        _log.Info(Loggers.SparkExecutor, "[Spark leader election] Redundant master count fulfilled : " + _masterMap.Count);
        if (!view.Any(m => m.SparkLeader && m.Uuid != _self) && !(_master && _leader))
        {
            _log.Info(Loggers.SparkExecutor, "[Spark leader election] No Elected SPARK LEADER in the cluster. Electing a suitable leader...");
            ElectSuitableLeader(view);
        }
        _log.Info(Loggers.SparkExecutor, "Initializing new spark client app...");
        StartClient(MasterUrlList());
    }

    private void OnMembersChange(IReadOnlyList<MemberInfo> view, bool removed, IReadOnlyList<MemberInfo> left)
    {
        _log.Info(Loggers.SparkExecutor, "[Spark member change] Member change, remove: " + (removed ? "true" : "false"));
        if (Mode != SparkMode.CarbonClustered)
            return;
        _log.Info(Loggers.SparkExecutor, "[Spark member change] Analytics workers updated, total count: " + _group.Count);
        if (removed && left.Any(m => m.SparkLeader) && !view.Any(m => m.SparkLeader && m.Uuid != _self))
        {
            _log.Info(Loggers.SparkExecutor, "[Spark member change] Removed member was the Spark elected leader. Electing a suitable leader...");
            ElectSuitableLeader(view);
        }
    }

    /// <summary>electSuitableLeader: the first live master becomes leader (the emulator takes the oldest).</summary>
    private void ElectSuitableLeader(IReadOnlyList<MemberInfo> view)
    {
        var candidate = view.FirstOrDefault(m => m.Uuid == _self ? _master : m.SparkMaster);
        if (candidate == null)
        {
            _log.Error(Loggers.SparkExecutor, "No Spark master is available in the cluster to be elected as the leader");
            return;
        }
        _log.Info(Loggers.SparkExecutor, "Suitable leader elected : " + candidate.HazelcastString(candidate.Uuid == _self));
        if (candidate.Uuid == _self)
            _leader = true;
    }

    private void StartMaster()
    {
        try
        {
            var address = HostAddressing.Resolve(Host, Loggers.SparkExecutor, "Spark host");
            _binder.Bind("Spark master", address, _s.MasterPort, Loggers.SparkExecutor).Serve();
            var ui = _binder.Bind("Spark master web UI", address, _s.MasterWebUiPort, Loggers.SparkExecutor);
            ui.Serve((client, token) => SparkMasterUi.HandleAsync(client, MasterJson, () => Status, token));
        }
        catch (RefusalException e)
        {
            _log.Error(Loggers.SparkComponent, "Error initializing analytics executor: " + e.Message, e.Throwable);
            return;
        }
        if (!_masterMap.Contains(Url))
            _masterMap.Add(Url);
        _master = true;
        _log.Info(Loggers.SparkExecutor, $"[Spark init - master] Started SPARK MASTER in {Url} with webUI port : {_s.MasterWebUiPort}");
    }

    private void StartWorker()
    {
        try
        {
            var address = HostAddressing.Resolve(Host, Loggers.SparkExecutor, "Spark host");
            _binder.Bind("Spark worker", address, _s.WorkerPort, Loggers.SparkExecutor).Serve();
            _binder.Bind("Spark worker web UI", address, _s.WorkerWebUiPort, Loggers.SparkExecutor).Serve();
        }
        catch (RefusalException e)
        {
            _log.Error(Loggers.SparkExecutor, e.Message, e.Throwable);
            return;
        }
        _worker = true;
        _log.Info(Loggers.SparkExecutor, $"[Spark init - worker] Started SPARK WORKER in {Host}:{_s.WorkerPort} with webUI port " +
                                         $"{_s.WorkerWebUiPort} with Masters [{string.Join(", ", _masterMap)}]");
    }

    private void StartClient(string master)
    {
        if (!_config.Profile.SparkContext)
            return;
        if (_client)
        {
            _log.Info(Loggers.SparkExecutor, "[Spark init - clustered] Client is already active in this node, therefore ignoring client init");
            return;
        }
        _client = true;
        _clientStartedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _log.Info(Loggers.SparkExecutor, $"[Spark init - client] Started Spark CLIENT in the cluster pointing to MASTER {master} " +
                                         $"with the application name : {_s.AppName} and UI port : {_s.UiPort}");
    }

    /// <summary>updateMaster: "spark://h1:p1,h2:p2" from the master map.</summary>
    private string MasterUrlList() => "spark://" + string.Join(",", _masterMap.Select(u => u.Replace("spark://", "", StringComparison.Ordinal)));

    private void MergeMasterMaps(IReadOnlyList<MemberInfo> view)
    {
        foreach (var url in view.Where(m => m.Uuid != _self).SelectMany(m => m.MasterMap))
            if (!_masterMap.Contains(url))
                _masterMap.Add(url);
    }
}
