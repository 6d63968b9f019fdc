using System;
using DasOps.Engine.Products.Das;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Products;

/// <summary>The one place a spec's product is turned into an <see cref="IProduct"/>; everything else holds the result.</summary>
public static class ProductCatalog
{
    /// <summary>Throws <see cref="NotSupportedException"/> for a product DasOps does not know.</summary>
    public static IProduct For(ClusterSpec spec) => spec.Product switch
    {
        // IS Analytics 5.x is DAS 3.x underneath: same files, scripts and logs (the port offset comes from the spec).
        Product.Das or Product.IsAnalytics => new DasProduct(spec),
        Product.StreamProcessor => new Sp.SpProduct(spec),
        _ => throw new NotSupportedException($"cluster '{spec.Name}': unknown product '{spec.Product}'."),
    };
}
