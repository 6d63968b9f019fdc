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

namespace DasOps.Engine.Products.Das;

/// <summary>
/// WSO2 DAS 3.x and IS Analytics 5.x (which is DAS underneath) as the engine sees them: the topology, the edits of
/// <see cref="DasConfiguration"/>, bin/wso2server.sh, Carbon 4's log lines, and the Hazelcast/CEP/Spark HA checks.
/// </summary>
public sealed class DasProduct : IProduct
{
    private static readonly ProductLogMarkers Markers = new ProductLogMarkers(
        Lifecycle.LogMarkers.BootLine, Lifecycle.LogMarkers.Started, Lifecycle.LogMarkers.Error, Lifecycle.LogMarkers.GrepPattern);

    private readonly ClusterSpec _spec;
    private readonly DasLauncher _launcher;
    private readonly DasNodeStatusReader _status;

    public DasProduct(ClusterSpec spec)
    {
        _spec = spec;
        Topology = new DasTopology(spec);
        _launcher = new DasLauncher(spec, Topology);
        _status = new DasNodeStatusReader(spec, this);
        Ha = new DasHa(spec);
    }

    /// <summary>
    /// The DAS product of a spec, for the DAS-only parts behind the seam (HA checks, the DAS edits): chosen through the
    /// catalog like everything else, and refused with a clear message for another product.
    /// </summary>
    public static DasProduct Of(ClusterSpec spec) => ProductCatalog.For(spec) as DasProduct
        ?? throw new NotSupportedException($"cluster '{spec.Name}': this is a DAS / IS Analytics operation, and the spec's product is {spec.Product}.");

    public string DisplayName => "DAS 3.x / IS Analytics 5.x";

    public DasTopology Topology { get; }

    IProductTopology IProduct.Topology => Topology;

    public IReadOnlyList<IConfigEdit> Edits => DasConfiguration.Edits;

    public string LibDirectory => "repository/components/lib";

    /// <summary>Carbon 4 wraps plain jars from components/lib itself at start.</summary>
    public string? JarToBundleScript => null;

    /// <summary>Spark builds its classpath through carbon.das.symbolic.link, so Spark nodes need it to point at the home.</summary>
    public string? ManagedLinkOf(NodeSpec node) => Topology.RunsSpark(node) ? _spec.SparkSymlinkOf(node) : null;

    public IProductLauncher Launcher => _launcher;

    public ProductLogMarkers LogMarkers => Markers;

    /// <summary>Ready: this start's "WSO2 Carbon started in" line, the pid file's process is this home's server, and HTTPS listens.</summary>
    public bool IsReady(NodeSpec node, NodeRuntime sinceLaunch) =>
        sinceLaunch.Lines.Any(l => Markers.Started.IsMatch(l)) && sinceLaunch.Alive && sinceLaunch.Listening.Contains(_launcher.HttpsPortOf(node));

    public Task<NodeStatus> ReadStatusAsync(NodeSpec node, IRemoteShell shell, CancellationToken cancellationToken) =>
        _status.ReadAsync(node, shell, cancellationToken);

    public NodeStatus UnreadableStatus(NodeSpec node, string reason) => _status.Unreadable(node, reason);

    public IProductHa Ha { get; }
}
