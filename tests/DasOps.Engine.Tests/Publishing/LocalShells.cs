using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Tests.Publishing;

/// <summary>Every node is this machine: the remote scripts run under sh locally, against each node's own home directory.</summary>
public sealed class LocalShells : IRemoteShellFactory
{
    public IStreamingShell ShellFor(NodeSpec node) => new LocalShell(node.Name);

    public void Dispose() { }
}
