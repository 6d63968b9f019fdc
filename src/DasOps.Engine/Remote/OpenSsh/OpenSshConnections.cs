using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DasOps.Engine.Spec;
using DasOps.Engine.Remote;

namespace DasOps.Engine.Remote.OpenSsh;

/// <summary>
/// The OpenSSH shells of one run: one per node, each multiplexed over its own ControlMaster whose socket lives in
/// a private 0700 directory (ControlPath DIR/%C). Dispose closes every master (ssh -O exit) and the directory.
/// </summary>
public sealed class OpenSshConnections : IRemoteShellFactory
{
    private readonly ClusterSpec _spec;
    private readonly SshConnectionOptions _options;
    private readonly string _controlDirectory;
    private readonly ConcurrentDictionary<string, OpenSshShell> _shells = new ConcurrentDictionary<string, OpenSshShell>(StringComparer.OrdinalIgnoreCase);
    private bool _disposed;

    public OpenSshConnections(ClusterSpec spec, SshConnectionOptions options)
    {
        _spec = spec;
        _options = options;
        _controlDirectory = ControlDirectory.Create();
    }

    public IStreamingShell ShellFor(NodeSpec node)
    {
        if (_disposed) throw new ObjectDisposedException(nameof(OpenSshConnections));
        return _shells.GetOrAdd(node.Name, _ => new OpenSshShell(SshTarget.Of(_spec, node), _options, Path.Combine(_controlDirectory, "%C")));
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        // Closing in parallel: each -O exit is a local round trip to the master; a dead master answers at once.
        var closing = _shells.Values.Where(s => s.Used).Select(s => s.CloseMasterAsync()).ToArray();
        try
        {
            Task.WaitAll(closing, TimeSpan.FromSeconds(15));
        }
        catch (AggregateException)
        {
            // a master that cannot be told to exit ends by itself after ControlPersist
        }
        ControlDirectory.Remove(_controlDirectory);
    }
}
