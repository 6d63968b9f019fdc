namespace DasOps.NodeEmulator.Sp;

/// <summary>How a manager learns who leads the resource pool.</summary>
internal interface IManagerElection
{
    bool IsLeader { get; }

    /// <summary>The leader (this node when leading), or null while the cluster has none.</summary>
    ManagerNode? Leader { get; }

    /// <summary>The managers currently alive in the group (connectedManagers of the heartbeat response).</summary>
    IReadOnlyList<ManagerNode> Members { get; }

    /// <summary>How often <see cref="Tick"/> is called, at a fixed rate.</summary>
    TimeSpan Interval { get; }

    /// <summary>One coordination heartbeat: stamp this node, take over a stale leader, read the members.</summary>
    void Tick(ManagerNode self);

    /// <summary>Stores the leader's resource pool (apps and their placement) where the next leader finds it.</summary>
    void SavePool(string json);

    /// <summary>The pool the previous leader stored, or null.</summary>
    string? LoadPool();
}

/// <summary>cluster.config enabled: false — the node leads alone (and logs the "not recommended" ERROR).</summary>
internal sealed class StandaloneElection : IManagerElection
{
    private ManagerNode? _self;

    public bool IsLeader => _self != null;

    public ManagerNode? Leader => _self;

    public IReadOnlyList<ManagerNode> Members => _self == null ? [] : [_self];

    public TimeSpan Interval => TimeSpan.FromMilliseconds(250);

    public void Tick(ManagerNode self) => _self = self;

    public void SavePool(string json)
    {
        // a lone manager has no successor to hand the pool to
    }

    public string? LoadPool() => null;
}
