using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace DasOps.NodeEmulator;

/// <summary>The member view after a poll: everyone this node currently sees (itself included, oldest first).</summary>
internal sealed record ViewChange(IReadOnlyList<MemberInfo> View, IReadOnlyList<MemberInfo> Joined, IReadOnlyList<MemberInfo> Left);

/// <summary>
/// Hazelcast WKA stand-in over TCP on localMemberPort. Every 500 ms the node exchanges a hello with each WKA member
/// and every member it has learned of (so membership is transitive, as in Hazelcast); a member counts as present only
/// while this node has exchanged with it directly in the last 3 s, so a node only ever sees members it can actually
/// reach. Graceful shutdown sends "leave" so the others drop it at once (Hazelcast's graceful leave).
/// Logs the kernel's clustering lines (HazelcastClusteringAgent, WKABasedMembershipScheme).
/// </summary>
internal sealed class Membership
{
    private const int GossipIntervalMs = 500;
    private const int ExpiryMs = 3000;
    private static readonly TimeSpan ExchangeTimeout = TimeSpan.FromMilliseconds(900);

    private readonly object _gate = new();
    private readonly ClusteringConfig _config;
    private readonly CarbonLog _log;
    private readonly MemberInfo _base;
    private readonly Action<MemberInfo> _decorate;
    private readonly Dictionary<string, MemberInfo> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (KnownEndpoint Endpoint, long SeenMs)> _learned = new(StringComparer.Ordinal);
    private readonly HashSet<string> _departed = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private List<MemberInfo> _lastView = [];
    private bool _isCoordinator;

    /// <param name="decorate">Adds the node's current CEP/Spark/profile fields to a snapshot of the local member.</param>
    public Membership(NodeConfig config, CarbonLog log, Action<MemberInfo> decorate)
    {
        _config = config.Clustering;
        _log = log;
        _decorate = decorate;
        _base = new MemberInfo
        {
            Uuid = Guid.NewGuid().ToString(),
            Domain = _config.Domain,
            Host = config.MemberHost,
            Port = _config.LocalMemberPort,
            HttpPort = _config.HttpPort,
            HttpsPort = _config.HttpsPort,
            SubDomain = _config.SubDomain,
        };
    }

    public string Uuid => _base.Uuid;

    private bool IsWka => _config.MembershipScheme.Equals("wka", StringComparison.OrdinalIgnoreCase);

    /// <summary>HazelcastClusteringAgent.init: joins the cluster (a few hello rounds with the WKA members) and logs it.</summary>
    public async Task InitAsync(BoundPort hazelcastPort)
    {
        _log.Info(Loggers.Hazelcast, "Cluster domain: " + _config.Domain);
        if (_config.LocalMemberHostIsLoopback)
            _log.Warn(Loggers.Hazelcast, "localMemberHost is configured to use the loopback address. " +
                                         "Hazelcast Clustering needs ip addresses for localMemberHost and well-known members.");
        _log.Info(Loggers.Hazelcast, $"Using {_config.MembershipScheme} based membership management scheme");
        var clock = Stopwatch.StartNew();
        _base.StartedAt = DateTime.UtcNow.Ticks;
        hazelcastPort.Serve(HandleInboundAsync);
        if (IsWka)
        {
            for (var round = 0; round < 3; round++)
            {
                if (round > 0)
                    await Task.Delay(300);
                await GossipRoundAsync();
            }
        }
        _log.Info(Loggers.Hazelcast, $"Hazelcast initialized in {clock.ElapsedMilliseconds}ms");
        _log.Info(Loggers.Hazelcast, $"Local member: [{Uuid}] - {_base.Axis2String}");
        _lastView = ComputeView();
        LogMemberList(_lastView);
        if (_lastView[0].Uuid == Uuid)
            ElectCoordinator();
        _log.Info(Loggers.Hazelcast, "Cluster initialization completed");
        if (IsWka)
            _ = Task.Run(GossipLoopAsync);
    }

    /// <summary>Diffs the view against the last poll and logs joins, leaves and coordinator changes.</summary>
    public ViewChange Poll()
    {
        var view = ComputeView();
        var before = _lastView.Select(m => m.Uuid).ToHashSet(StringComparer.Ordinal);
        var now = view.Select(m => m.Uuid).ToHashSet(StringComparer.Ordinal);
        var joined = view.Where(m => !before.Contains(m.Uuid)).ToList();
        var left = _lastView.Where(m => !now.Contains(m.Uuid)).ToList();
        foreach (var m in joined)
            _log.Info(Loggers.WkaScheme, $"Member joined [{m.Uuid}]: {m.SocketString}");
        foreach (var m in left)
        {
            _log.Info(Loggers.WkaScheme, $"Member left [{m.Uuid}]: {m.SocketString}");
            if (_config.Members.Any(w => w.Host == m.Host && w.Port == m.Port))
                _log.Info(Loggers.WkaScheme, $"WKA member {m.Axis2String} left cluster.");
        }
        if (joined.Count > 0 || left.Count > 0)
            LogMemberList(view);
        if (!_isCoordinator && view[0].Uuid == Uuid)
            ElectCoordinator();
        _lastView = view;
        return new ViewChange(view, joined, left);
    }

    public MemberInfo LocalSnapshot()
    {
        var self = _base.Clone();
        _decorate(self);
        self.LastHeardMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return self;
    }

    /// <summary>Graceful leave: tell everyone in the view, then stop gossiping.</summary>
    public async Task LeaveAsync()
    {
        _stop.Cancel();
        var message = new GossipMessage { Type = "leave", Self = LocalSnapshot() };
        var peers = _lastView.Where(m => m.Uuid != Uuid).ToList();
        await Task.WhenAll(peers.Select(p => GossipWire.ExchangeAsync(p.Host, p.Port, message, TimeSpan.FromMilliseconds(500))));
    }

    /// <summary>
    /// Hazelcast 3.x ClusterServiceImpl.membersString(), logged at INFO on every membership change:
    /// "\n\nMembers [N] {" then "\n\tMember [host]:port" per member ("this" marks the local one) and "\n}\n",
    /// behind Hazelcast's "[host]:port [group] [version] " prefix.
    /// </summary>
    private void LogMemberList(IReadOnlyList<MemberInfo> view)
    {
        var sb = new System.Text.StringBuilder($"[{_base.Host}]:{_base.Port} [{_config.Domain}] [3.5] \n\nMembers [{view.Count}] {{");
        foreach (var m in view)
            sb.Append($"\n\tMember [{m.Host}]:{m.Port}").Append(m.Uuid == Uuid ? " this" : "");
        sb.Append("\n}\n");
        _log.Info(Loggers.HazelcastClusterService, sb.ToString());
    }

    private void ElectCoordinator()
    {
        _isCoordinator = true;
        _log.Info(Loggers.Hazelcast, $"Elected this member [{Uuid}] as the Coordinator node");
    }

    private List<MemberInfo> ComputeView()
    {
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var view = new List<MemberInfo> { LocalSnapshot() };
        lock (_gate)
        {
            foreach (var expired in _members.Values.Where(m => nowMs - m.LastHeardMs > ExpiryMs).ToList())
                _members.Remove(expired.Uuid);
            view.AddRange(_members.Values.Select(m => m.Clone()));
        }
        view.Sort(MemberInfo.CompareAge);
        return view;
    }

    private async Task GossipLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(GossipIntervalMs, _stop.Token);
                await GossipRoundAsync();
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task GossipRoundAsync()
    {
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var targets = new Dictionary<string, (string Host, int Port)>(StringComparer.Ordinal);
        void Add(string host, int port)
        {
            if (host == _base.Host && port == _base.Port)
                return; // skip itself
            targets.TryAdd($"{host}:{port}", (host, port));
        }
        foreach (var wka in _config.Members)
            Add(wka.Host, wka.Port);
        lock (_gate)
        {
            foreach (var m in _members.Values)
                Add(m.Host, m.Port);
            foreach (var (key, learned) in _learned.ToList())
            {
                if (nowMs - learned.SeenMs > ExpiryMs)
                    _learned.Remove(key);
                else
                    Add(learned.Endpoint.Host, learned.Endpoint.Port);
            }
        }
        var hello = Hello();
        var replies = await Task.WhenAll(targets.Values.Select(t => GossipWire.ExchangeAsync(t.Host, t.Port, hello, ExchangeTimeout)));
        foreach (var reply in replies)
            if (reply != null)
                Absorb(reply);
    }

    private GossipMessage Hello()
    {
        var message = new GossipMessage { Self = LocalSnapshot() };
        lock (_gate)
            message.Members = _members.Values.Select(m => new KnownEndpoint(m.Uuid, m.Host, m.Port)).ToList();
        return message;
    }

    private void Absorb(GossipMessage message)
    {
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var other = message.Self;
        lock (_gate)
        {
            if (other.Uuid == Uuid || other.Domain != _config.Domain || _departed.Contains(other.Uuid))
                return; // itself, another Hazelcast group, or a member that said goodbye
            other.LastHeardMs = nowMs;
            _members[other.Uuid] = other;
            foreach (var ep in message.Members)
                if (ep.Uuid != Uuid && !_departed.Contains(ep.Uuid))
                    _learned[$"{ep.Host}:{ep.Port}"] = (ep, nowMs);
        }
    }

    private async Task HandleInboundAsync(TcpClient client, CancellationToken token)
    {
        if (!IsWka)
            return; // only the WKA scheme is emulated; other schemes stay single-member clusters
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8, false, 4096, leaveOpen: true);
        var message = GossipWire.Decode(await reader.ReadLineAsync(timeout.Token));
        if (message == null)
            return;
        if (message.Type == "leave")
        {
            lock (_gate)
            {
                _departed.Add(message.Self.Uuid);
                _members.Remove(message.Self.Uuid);
            }
            return;
        }
        Absorb(message);
        await GossipWire.WriteLineAsync(stream, GossipWire.Encode(Hello()), timeout.Token);
    }
}
