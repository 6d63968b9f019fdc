using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Ha;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Products;

/// <summary>Test-DasHa's product part: what "highly available" means for this product, and how to prove failover.</summary>
public interface IProductHa
{
    /// <summary>Reads the running cluster and judges it against the spec; changes nothing.</summary>
    Task<IReadOnlyList<HaCheck>> VerifyAsync(Func<NodeSpec, IRemoteShell> shellFor, IOperationReporter reporter, CancellationToken cancellationToken);

    /// <summary>Stops the active node(s), times the takeover, starts them again and checks they rejoin as followers.</summary>
    Task<IReadOnlyList<HaCheck>> FailoverAsync(Func<NodeSpec, IRemoteShell> shellFor, ClusterLifecycle lifecycle, IOperationReporter reporter,
        TimeSpan promotionTimeout, CancellationToken cancellationToken);
}
