using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Products.Das;

/// <summary>One DAS node's status: process, readiness, CEP HA role, Spark master state and Hazelcast members.</summary>
internal sealed class DasNodeStatusReader
{
    private readonly ClusterSpec _spec;
    private readonly DasProduct _product;

    public DasNodeStatusReader(ClusterSpec spec, DasProduct product)
    {
        _spec = spec;
        _product = product;
    }

    public async Task<NodeStatus> ReadAsync(NodeSpec node, IRemoteShell shell, CancellationToken cancellationToken)
    {
        var runtime = await NodeProbe.ReadAsync(shell, _product, node, _spec.HomeOf(node), 0, _spec.SparkSymlinkOf(node), cancellationToken).ConfigureAwait(false);
        string? spark = null;
        if (runtime.Alive && _product.Topology.RunsSpark(node))
            spark = await SparkProbe.ReadNodeAsync(_spec, node, shell, cancellationToken).ConfigureAwait(false);
        var process = runtime.Alive ? "running" : runtime.Pid != null ? "stale pid file" : "stopped";
        var ready = runtime.Alive && runtime.Started && runtime.Listening.Contains(NodePorts.HttpsOf(_spec, node));
        return new NodeStatus(node.Name, node.Host, RolesOf(node), process, runtime.Alive ? runtime.Pid : null, ready,
            runtime.Alive ? runtime.CepState : null, spark, runtime.Alive ? runtime.MemberCount : null, ExpectedMembersOf(node), "");
    }

    public NodeStatus Unreadable(NodeSpec node, string reason) =>
        new NodeStatus(node.Name, node.Host, RolesOf(node), "unreachable", null, false, null, null, null, ExpectedMembersOf(node), reason);

    private string RolesOf(NodeSpec node) => _spec.Pattern == Pattern.MinimumHa ? "All" : string.Join(",", node.Roles);

    private int ExpectedMembersOf(NodeSpec node) => _product.Topology.ClusterOf(node).Count;
}
