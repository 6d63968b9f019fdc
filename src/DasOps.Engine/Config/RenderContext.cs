using DasOps.Engine.Products;
using DasOps.Engine.Secrets;
using DasOps.Engine.Spec;
using DasOps.Engine.Diagnostics;

namespace DasOps.Engine.Config;

/// <summary>
/// Everything an edit may read: the cluster, the node being rendered, the product (its topology places the node), and
/// the secrets. A product's edits reach their own topology through the product they belong to.
/// </summary>
public sealed class RenderContext
{
    public RenderContext(ClusterSpec spec, NodeSpec node, ClusterSecrets secrets)
        : this(spec, node, secrets, ProductCatalog.For(spec))
    {
    }

    public RenderContext(ClusterSpec spec, NodeSpec node, ClusterSecrets secrets, IProduct product)
    {
        Spec = spec;
        Node = node;
        Secrets = secrets;
        Product = product;
    }

    public ClusterSpec Spec { get; }
    public NodeSpec Node { get; }
    public ClusterSecrets Secrets { get; }
    public IProduct Product { get; }

    public IProductTopology Topology => Product.Topology;

    public string DatabasePassword => Secrets.DatabasePassword ?? throw new InputException(InputErrorKind.SecretMissing,
        $"the database password ({Spec.Database.PasswordEnv}) is needed to write the datasources of node {Node.Name}.");
}
