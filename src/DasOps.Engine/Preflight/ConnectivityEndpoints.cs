using System.Collections.Generic;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Preflight;

/// <summary>
/// The endpoint list of a cluster, chosen by its product. DAS and IS Analytics share the Carbon 4 topology; Stream
/// Processor has its own list (database, Kafka bootstrap servers, ZooKeeper or NATS, peers' HTTPS). The checker takes
/// any list, so a product only has to build one.
/// </summary>
public static class ConnectivityEndpoints
{
    /// <summary>Every product's nodes reach the same database, so its peer and service names are shared.</summary>
    public const string DatabasePeer = "database";
    public const string DatabaseService = "mysql";
    /// <summary>A peer's HTTPS port, which DAS cluster members and SP managers and workers all call.</summary>
    public const string HttpsService = "https";

    public static IReadOnlyList<NodeEndpoints> For(ClusterSpec spec, IEnumerable<NodeSpec> nodes) => spec.Product switch
    {
        Product.Das or Product.IsAnalytics => DasConnectivityEndpoints.For(spec, nodes),
        Product.StreamProcessor => SpConnectivityEndpoints.For(spec, nodes),
        _ => throw new InputException(InputErrorKind.ParameterInvalid,
            $"{spec.SourceFile}: no connectivity endpoints are defined for product {spec.Product} yet."),
    };
}
