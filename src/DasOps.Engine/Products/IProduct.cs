using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Config;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Products;

/// <summary>
/// Everything the engine knows about one WSO2 product, chosen once per spec by <see cref="ProductCatalog.For"/>.
/// The engine holds only this (as PSScriptAnalyzer's engine knows its rules only as IScriptRule): planning, publishing,
/// lifecycle, status and HA never name a product's topology, files, scripts or log lines themselves.
/// </summary>
public interface IProduct
{
    /// <summary>The product as messages name it, e.g. "DAS 3.x / IS Analytics 5.x".</summary>
    string DisplayName { get; }

    /// <summary>Which nodes DasOps manages, the role each is shown with, and the order they start in.</summary>
    IProductTopology Topology { get; }

    /// <summary>Every configuration edit the product knows; the planner keeps those that apply to the node being rendered.</summary>
    IReadOnlyList<IConfigEdit> Edits { get; }

    /// <summary>Where jars (the JDBC driver) go, relative to the product home.</summary>
    string LibDirectory { get; }

    /// <summary>
    /// The product's own jar-to-OSGi-bundle converter (relative to the home), when its lib takes only bundles: plain jars
    /// are then converted on the node with it. Null when the lib takes jars as they are.
    /// </summary>
    string? JarToBundleScript { get; }

    /// <summary>
    /// A symbolic link the product needs pointing at a node's home, which publishing keeps in place (DAS: Spark's
    /// carbon.das.symbolic.link on Spark nodes), or null.
    /// </summary>
    string? ManagedLinkOf(NodeSpec node);

    /// <summary>How a node is started and where its pid file and log are.</summary>
    IProductLauncher Launcher { get; }

    /// <summary>The log lines lifecycle reads: the boot line, the started line, errors.</summary>
    ProductLogMarkers LogMarkers { get; }

    /// <summary>
    /// Whether a node launched just now is ready, judged on a probe whose log lines are those written since the
    /// launch (so an older run's started line never counts).
    /// </summary>
    bool IsReady(NodeSpec node, NodeRuntime sinceLaunch);

    /// <summary>One node's state for Get-DasNode / `dasops status`. A <see cref="LifecycleException"/> means the node could not be read.</summary>
    Task<NodeStatus> ReadStatusAsync(NodeSpec node, IRemoteShell shell, CancellationToken cancellationToken);

    /// <summary>The status of a node that could not be read, saying why.</summary>
    NodeStatus UnreadableStatus(NodeSpec node, string reason);

    /// <summary>The HA checks and failover drill of Test-DasHa.</summary>
    IProductHa Ha { get; }
}
