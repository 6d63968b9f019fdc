using DasOps.Engine.Products.Das;
using DasOps.Engine.Secrets;
using DasOps.Engine.Spec;
using DasOps.Engine.Diagnostics;

namespace DasOps.Engine.Config;

/// <summary>Everything an edit may read: the cluster, the node being rendered, its place in the topology, and the secrets.</summary>
public sealed class RenderContext
{
    public RenderContext(ClusterSpec spec, NodeSpec node, ClusterSecrets secrets)
    {
        Spec = spec;
        Node = node;
        Secrets = secrets;
        Topology = new DasTopology(spec);
    }

    public ClusterSpec Spec { get; }
    public NodeSpec Node { get; }
    public ClusterSecrets Secrets { get; }
    public DasTopology Topology { get; }

    public string DatabasePassword => Secrets.DatabasePassword ?? throw new InputException(InputErrorKind.SecretMissing,
        $"the database password ({Spec.Database.PasswordEnv}) is needed to write the datasources of node {Node.Name}.");
}
