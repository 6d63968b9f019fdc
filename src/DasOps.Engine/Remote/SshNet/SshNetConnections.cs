using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Remote.SshNet;

/// <summary>
/// The SSH.NET shells of one run: one per node, each over one authenticated connection opened on the node's first
/// command (so the nodes of a parallel operation connect in parallel). Dispose closes every connection.
/// </summary>
public sealed class SshNetConnections : IRemoteShellFactory
{
    private readonly ClusterSpec _spec;
    private readonly SshConnectionOptions _options;
    private readonly ConcurrentDictionary<string, SshNetShell> _shells = new ConcurrentDictionary<string, SshNetShell>(StringComparer.OrdinalIgnoreCase);

    // One connection per jump host for the whole run, however many nodes are reached through it.
    private readonly ConcurrentDictionary<string, SshNetBastion> _bastions = new ConcurrentDictionary<string, SshNetBastion>(StringComparer.Ordinal);
    private bool _disposed;

    public SshNetConnections(ClusterSpec spec, SshConnectionOptions options)
    {
        _spec = spec;
        _options = options;
    }

    public IStreamingShell ShellFor(NodeSpec node)
    {
        if (_disposed) throw new ObjectDisposedException(nameof(SshNetConnections));
        return _shells.GetOrAdd(node.Name, _ =>
        {
            var target = SshNetTarget.Of(_spec, node, _options);
            var bastion = target.JumpHost == null ? null
                : _bastions.GetOrAdd(SshNetBastion.KeyOf(target.Bastion()), __ => new SshNetBastion(target.Bastion(), _options));
            return new SshNetShell(target, _options, bastion);
        });
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        var closing = _shells.Values.Select(s => Task.Run(s.Close)).ToArray();
        try
        {
            Task.WaitAll(closing, TimeSpan.FromSeconds(15));
        }
        catch (AggregateException)
        {
            // a connection that cannot be closed cleanly is dropped with the process
        }
        // The bastions last: the node sessions inside their tunnels are closed by now.
        var bastions = _bastions.Values.Select(b => Task.Run(b.Close)).ToArray();
        try
        {
            Task.WaitAll(bastions, TimeSpan.FromSeconds(15));
        }
        catch (AggregateException)
        {
        }
    }
}

/// <summary>Where and as whom SSH.NET connects for one node: no ssh_config, so everything comes from the spec.</summary>
internal sealed class SshNetTarget
{
    public SshNetTarget(string node, string host, int port, string user, string? keyFile, JumpHost? jumpHost = null)
    {
        JumpHost = jumpHost;
        Node = node;
        Host = host;
        Port = port;
        User = user;
        KeyFile = keyFile;
    }

    public string Node { get; }
    public string Host { get; }
    public int Port { get; }
    public string User { get; }

    /// <summary>The key named for the node (spec sshKey or --ssh-key); null to try ssh's default key files.</summary>
    public string? KeyFile { get; }

    /// <summary>The bastion the node is reached through; null to connect directly.</summary>
    public JumpHost? JumpHost { get; }

    /// <summary>The -SshCredential user, when given, logs in on every node (as ssh -l would); else the spec's sshUser.</summary>
    public static SshNetTarget Of(ClusterSpec spec, NodeSpec node, SshConnectionOptions options) =>
        new SshNetTarget(node.Name, node.EffectiveSshHost, spec.SshPortOf(node), options.LoginUser ?? spec.SshUserOf(node),
            options.KeyFiles.TryGetValue(node.Name, out var key) ? key : null,
            options.JumpHosts.TryGetValue(node.Name, out var jump) ? jump : null);

    /// <summary>The bastion as a target of its own: its user is the jump host's, else the node's; its key is the node's.</summary>
    public SshNetTarget Bastion() =>
        new SshNetTarget($"jump host {JumpHost}", JumpHost!.Host, JumpHost.Port, JumpHost.User ?? User, KeyFile);

    public override string ToString() => $"{User}@{Host}" + (Port != 22 ? ":" + Port : "");
}
