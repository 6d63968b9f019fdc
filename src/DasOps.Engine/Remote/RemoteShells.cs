using DasOps.Engine.Remote.OpenSsh;
using DasOps.Engine.Remote.SshNet;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Remote;

/// <summary>
/// The one place a transport is chosen (in the way of PSResourceGet's ServerFactory.GetServer): both front ends ask
/// it for a run's shells and never name an implementation.
/// </summary>
public static class RemoteShells
{
    /// <summary>The shells of one run over <paramref name="options"/>' transport; dispose it when the operation is done.</summary>
    public static IRemoteShellFactory Open(ClusterSpec spec, SshConnectionOptions options) =>
        options.Transport == Transport.OpenSsh
            ? new OpenSshConnections(spec, options)
            : new SshNetConnections(spec, options);
}
