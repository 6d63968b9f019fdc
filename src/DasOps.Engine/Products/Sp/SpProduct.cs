using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Config;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Products.Sp;

/// <summary>
/// WSO2 Stream Processor 4.4.0, fully distributed (seed 004): managers and workers configured through their
/// deployment.yaml, launched by bin/manager.sh and bin/worker.sh, judged by their carbon.log lines and the manager
/// REST API.
/// </summary>
public sealed class SpProduct : IProduct
{
    /// <summary>CarbonStartupHandler's line; the name is wso2.carbon.name (stock: WSO2 Stream Processor).</summary>
    public static readonly Regex Started = new Regex(@"WSO2 Stream Processor started in (?<seconds>[\d,]+\.\d{3}) sec");

    /// <summary>A worker's line once the leader accepted it into the resource pool.</summary>
    public static readonly Regex ConnectedToLeader = new Regex(@"Successfully connected to leader node ManagerNode \{ id: (?<id>[^,]+),");

    // SP has no boot banner DasOps can rely on; the log lines read are those written since the launch, so an empty boot
    // line makes any of them mean "the process got far enough to log".
    private static readonly ProductLogMarkers Markers = new ProductLogMarkers("", Started, new Regex(@"\sERROR\s"),
        "WSO2 Stream Processor started in|the leader of the resource pool|Successfully connected to leader node|added to the resource pool|" +
        "removed from the resource pool|Waiting for the resource pool leader|Couldn't connect to the leader node| ERROR ");

    private readonly ClusterSpec _spec;
    private readonly SpLauncher _launcher;

    public SpProduct(ClusterSpec spec)
    {
        _spec = spec;
        Topology = new SpTopology(spec);
        _launcher = new SpLauncher(Topology);
        Ha = new SpHa(spec, Topology, this);
        Edits = new IConfigEdit[] { new SpDeploymentEdit("manager"), new SpDeploymentEdit("worker") };
    }

    public string DisplayName => "Stream Processor 4.x";

    public SpTopology Topology { get; }

    IProductTopology IProduct.Topology => Topology;

    public IReadOnlyList<IConfigEdit> Edits { get; }

    /// <summary>Seed 004: the JDBC driver (as an OSGi bundle) goes into &lt;SP_HOME&gt;/lib.</summary>
    public string LibDirectory => "lib";

    /// <summary>Carbon kernel 5 wires only OSGi bundles from lib (ground truth §f: kernel 5.2.8's tool, JDK 1.8).</summary>
    public string? JarToBundleScript => "bin/jartobundle.sh";

    public string? ManagedLinkOf(NodeSpec node) => null;

    public IProductLauncher Launcher => _launcher;

    public ProductLogMarkers LogMarkers => Markers;

    /// <summary>Ready: this start's started line, a live server on the pid file, HTTPS listening; a worker also in the leader's pool.</summary>
    public bool IsReady(NodeSpec node, NodeRuntime sinceLaunch) =>
        sinceLaunch.Lines.Any(l => Started.IsMatch(l)) && sinceLaunch.Alive && sinceLaunch.Listening.Contains(_launcher.HttpsPortOf(node))
        && (Topology.IsManager(node) || InLeadersPool(sinceLaunch.Lines));

    /// <summary>
    /// A worker's log since its launch says the leader holds it. HeartbeatSender logs "Successfully connected to leader
    /// node … as a new resource" only when the leader answers NEW; a worker back within the heartbeat window is answered
    /// EXISTS, which it logs only at DEBUG. Every failed heartbeat is logged ("Waiting for the resource pool leader.", a
    /// lost leader, a rejection). So: a join after the last failure, or no failure and no join at all (the silent EXISTS).
    /// </summary>
    internal static bool InLeadersPool(IReadOnlyList<string> linesSinceLaunch)
    {
        var joined = LastIndex(linesSinceLaunch, ConnectedToLeader.IsMatch);
        var failed = LastIndex(linesSinceLaunch, line => line.Contains("Waiting for the resource pool leader") || line.Contains("Couldn't connect to the leader node")
                                                         || line.IndexOf("rejected", StringComparison.OrdinalIgnoreCase) >= 0);
        return joined > failed || (joined < 0 && failed < 0);
    }

    /// <summary>The index of the last line that matches, or -1.</summary>
    internal static int LastIndex(IReadOnlyList<string> lines, Func<string, bool> match)
    {
        for (var i = lines.Count - 1; i >= 0; i--) if (match(lines[i])) return i;
        return -1;
    }

    public async Task<NodeStatus> ReadStatusAsync(NodeSpec node, IRemoteShell shell, CancellationToken cancellationToken)
    {
        var runtime = await NodeProbe.ReadAsync(shell, this, node, _spec.HomeOf(node), 0, null, cancellationToken).ConfigureAwait(false);
        var process = runtime.Alive ? "running" : runtime.Pid != null ? "stale pid file" : "stopped";
        var lines = runtime.Alive ? runtime.Lines : new List<string>();
        var ready = runtime.Alive && lines.Any(l => Started.IsMatch(l)) && runtime.Listening.Contains(_launcher.HttpsPortOf(node));
        var detail = "";
        if (ready && Topology.IsManager(node))
            detail = await new SpClusterReader(Topology, _ => shell).ManagerStateAsync(node, cancellationToken).ConfigureAwait(false) + " manager";
        else if (ready && lines.LastOrDefault(l => ConnectedToLeader.IsMatch(l)) is { } joined)
            detail = "joined leader " + ConnectedToLeader.Match(joined).Groups["id"].Value;   // a later EXISTS rejoin is not logged
        return new NodeStatus(node.Name, node.Host, Topology.RoleOf(node), process, runtime.Alive ? runtime.Pid : null, ready, null, null, null, 0, detail);
    }

    public NodeStatus UnreadableStatus(NodeSpec node, string reason) =>
        new NodeStatus(node.Name, node.Host, Topology.RoleOf(node), "unreachable", null, false, null, null, null, 0, reason);

    public IProductHa Ha { get; }
}
