using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Ha;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Products.Das;

/// <summary>DAS HA: Hazelcast membership, CEP active/passive and the Spark master election (HaVerifier, FailoverDrill).</summary>
internal sealed class DasHa : IProductHa
{
    private readonly ClusterSpec _spec;

    public DasHa(ClusterSpec spec) => _spec = spec;

    public Task<IReadOnlyList<HaCheck>> VerifyAsync(Func<NodeSpec, IRemoteShell> shellFor, IOperationReporter reporter, CancellationToken cancellationToken) =>
        new HaVerifier(_spec, shellFor, reporter).VerifyAsync(cancellationToken);

    public Task<IReadOnlyList<HaCheck>> FailoverAsync(Func<NodeSpec, IRemoteShell> shellFor, ClusterLifecycle lifecycle, IOperationReporter reporter,
        TimeSpan promotionTimeout, CancellationToken cancellationToken) =>
        new FailoverDrill(_spec, shellFor, lifecycle, reporter) { PromotionTimeout = promotionTimeout }.RunAsync(cancellationToken);
}
