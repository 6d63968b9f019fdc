using DasOps.Engine.Spec;

namespace DasOps.Engine.Remote;

/// <summary>Where ssh connects for one node. User and port are set only when the spec sets them, so the ssh config decides otherwise.</summary>
public sealed class SshTarget
{
    public SshTarget(string node, string host, string? user, int? port)
    {
        Node = node;
        Host = host;
        User = user;
        Port = port;
    }

    public string Node { get; }

    /// <summary>What ssh is given: an alias of the ssh config, a name or an address (node.sshHost, else node.host).</summary>
    public string Host { get; }

    public string? User { get; }
    public int? Port { get; }

    public static SshTarget Of(ClusterSpec spec, NodeSpec node) =>
        new SshTarget(node.Name, node.EffectiveSshHost, node.SshUser ?? spec.Defaults.SshUser, node.SshPort ?? spec.Defaults.SshPort);

    public override string ToString() => (User != null ? User + "@" : "") + Host + (Port != null ? ":" + Port : "");
}
