namespace DasOps.NodeEmulator;

/// <summary>
/// What one member tells the others about itself in the membership exchange. It doubles as the Hazelcast
/// member, the axis2 Member of the kernel's member map and the CEP/Spark entries real nodes keep in IMaps
/// (role membership map, __SPARK_MASTER_MAP__), flattened into one record.
/// </summary>
internal sealed class MemberInfo
{
    public string Uuid { get; set; } = "";
    public string Domain { get; set; } = "";
    public string Host { get; set; } = "";
    public int Port { get; set; }

    /// <summary>UTC ticks of this member's cluster join; the oldest member is the coordinator.</summary>
    public long StartedAt { get; set; }

    public int HttpPort { get; set; }
    public int HttpsPort { get; set; }
    public string? SubDomain { get; set; }

    // Profile flags, for whoever inspects the member view.
    public bool AnalyticsEngine { get; set; }
    public bool EventSink { get; set; }
    public bool Indexing { get; set; }

    // CEP HA (role membership map entry).
    public bool HaParticipant { get; set; }
    public string? MgmtHost { get; set; }
    public int MgmtPort { get; set; }
    public string? EventSyncHost { get; set; }
    public int EventSyncPort { get; set; }

    // Spark (member of the CARBON_ANALYTICS_EXECUTION group when SparkNode).
    public bool SparkNode { get; set; }
    public bool SparkInitDone { get; set; }
    public string? SparkHost { get; set; }
    public string? SparkUrl { get; set; }
    public bool SparkMaster { get; set; }
    public bool SparkLeader { get; set; }
    public bool WorkerStarted { get; set; }
    public int WorkerPort { get; set; }
    public int WorkerWebUiPort { get; set; }
    public int WorkerCores { get; set; }
    public int WorkerMemoryMb { get; set; }
    public bool ClientRunning { get; set; }
    public long ClientStartedAtMs { get; set; }
    public string? AppName { get; set; }
    public int ExecutorMemoryMb { get; set; }

    /// <summary>This member's copy of __SPARK_MASTER_MAP__ keys (spark://host:port); merged by union.</summary>
    public List<string> MasterMap { get; set; } = [];

    /// <summary>Wall-clock ms of the last exchange with this member (local bookkeeping, also Spark's lastheartbeat).</summary>
    public long LastHeardMs { get; set; }

    /// <summary>Hazelcast ordering: oldest first, ties by uuid.</summary>
    public static int CompareAge(MemberInfo a, MemberInfo b)
    {
        var byTime = a.StartedAt.CompareTo(b.StartedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Uuid, b.Uuid);
    }

    public bool IsOlderThan(MemberInfo other) => CompareAge(this, other) < 0;

    /// <summary>Hazelcast 3.5 Member.toString(), as the Spark executor logs it ("Member [h]:p this").</summary>
    public string HazelcastString(bool local) => $"Member [{Host}]:{Port}" + (local ? " this" : "");

    /// <summary>InetSocketAddress.toString() of an unresolved-name address, as in "Member joined [...]: /ip:port".</summary>
    public string SocketString => $"/{Host}:{Port}";

    /// <summary>axis2 Member.toString(), as in "Local member: [uuid] - ..." and "WKA member ... left cluster.".</summary>
    public string Axis2String =>
        $"Host:{Host}, Remote Host:null, Port: {Port}, HTTP:{HttpPort}, HTTPS:{HttpsPort}, Domain: {Domain}, " +
        $"Sub-domain:{SubDomain ?? "__$default"}, Active:true";

    public MemberInfo Clone()
    {
        var copy = (MemberInfo)MemberwiseClone();
        copy.MasterMap = [.. MasterMap];
        return copy;
    }
}
