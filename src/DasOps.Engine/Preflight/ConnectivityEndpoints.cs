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
    public static IReadOnlyList<NodeEndpoints> For(ClusterSpec spec, IEnumerable<NodeSpec> nodes) => spec.Product switch
    {
        Product.Das or Product.IsAnalytics => DasConnectivityEndpoints.For(spec, nodes),
        Product.StreamProcessor => SpConnectivityEndpoints.For(spec, nodes),
        _ => throw new InputException(InputErrorKind.ParameterInvalid,
            $"{spec.SourceFile}: no connectivity endpoints are defined for product {spec.Product} yet."),
    };
}
