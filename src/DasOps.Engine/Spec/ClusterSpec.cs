using System;
using System.Collections.Generic;
using System.Linq;

namespace DasOps.Engine.Spec;

/// <summary>A whole cluster: what every node's configuration is computed from.</summary>
public sealed class ClusterSpec : SpecElement
{
    public const string DefaultHome = "/opt/wso2das";
    public const string DefaultSpHome = "/opt/wso2sp";
    public const string DefaultSshUser = "root";

    public string Name { get; set; } = "das";
    public Product Product { get; set; } = Product.Das;
    public Pattern Pattern { get; set; } = Pattern.MinimumHa;

    /// <summary>The file this spec was loaded from; used in error locations.</summary>
    public string SourceFile { get; set; } = "<spec>";

    /// <summary>How the nodes are reached; null means the default (<see cref="DefaultTransport"/>). Overridden by --transport.</summary>
    public Transport? Transport { get; set; }

    public const Spec.Transport DefaultTransport = Spec.Transport.SshNet;

    /// <summary>An OpenSSH client config (Host entries, keys, jump hosts); overridden by --ssh-config. OpenSSH transport only.</summary>
    public string? SshConfig { get; set; }

    /// <summary>The known_hosts file the user controls; host keys are verified against it.</summary>
    public string? KnownHosts { get; set; }

    public NodeDefaults Defaults { get; set; } = new NodeDefaults();
    public DatabaseSpec Database { get; set; } = new DatabaseSpec();
    public SparkSpec Spark { get; set; } = new SparkSpec();
    public CepSpec Cep { get; set; } = new CepSpec();
    public DepSyncSpec? DepSync { get; set; }

    /// <summary>The <c>streamProcessor:</c> section; always present, used (and allowed in a file) only for StreamProcessor.</summary>
    public StreamProcessorSpec StreamProcessor { get; set; } = new StreamProcessorSpec();

    /// <summary>Local path of the MySQL JDBC driver jar copied to repository/components/lib.</summary>
    public string? JdbcDriver { get; set; }

    public List<NodeSpec> Nodes { get; set; } = new List<NodeSpec>();

    /// <summary>How many switched backups each node keeps (keepBackups); older ones hold old passwords and are pruned.</summary>
    public int? KeepBackups { get; set; }

    public const int DefaultKeepBackups = 5;

    public int KeepBackupsOrDefault => KeepBackups ?? DefaultKeepBackups;

    public NodeSpec? FindNode(string name) =>
        Nodes.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase));

    public string HomeOf(NodeSpec node) => node.Home ?? Defaults.Home ?? (Product == Product.StreamProcessor ? DefaultSpHome : DefaultHome);
    /// <summary>The JDK bin/jartobundle.sh runs with on this node, or null for the node's own JAVA_HOME.</summary>
    public string? JavaHomeOf(NodeSpec node) => node.JavaHome ?? Defaults.JavaHome;

    public string SshUserOf(NodeSpec node) => node.SshUser ?? Defaults.SshUser ?? DefaultSshUser;

    /// <summary>The user the product runs as, or null for the owner of the product home (found on the node).</summary>
    public string? RunAsOf(NodeSpec node) => node.RunAs ?? Defaults.RunAs;
    public int SshPortOf(NodeSpec node) => node.SshPort ?? Defaults.SshPort ?? 22;
    public string? SshKeyOf(NodeSpec node) => node.SshKey ?? Defaults.SshKey;

    /// <summary>The bastion a node is reached through: its own jumpHost, else the defaults'; null for none (or one not valid).</summary>
    public JumpHost? JumpHostOf(NodeSpec node)
    {
        var text = node.JumpHost ?? Defaults.JumpHost;
        if (text == null || string.Equals(text.Trim(), Spec.JumpHost.None, StringComparison.OrdinalIgnoreCase)) return null;
        return Spec.JumpHost.TryParse(text, out _);
    }
    public string? SparkSymlinkOf(NodeSpec node) => node.SparkSymlink ?? Spark.Symlink;
    public int PortOffsetOf(NodeSpec node) => node.PortOffset ?? (Product == Product.IsAnalytics ? 1 : 0);

    /// <summary>Hazelcast localMemberPort: 4000 unless set; nodes sharing a host get 4000 + offset so they do not collide.</summary>
    public int HazelcastPortOf(NodeSpec node) =>
        node.HazelcastPort ?? (Nodes.Count(n => string.Equals(n.Host, node.Host, StringComparison.OrdinalIgnoreCase)) > 1
            ? NodeSpec.DefaultHazelcastPort + PortOffsetOf(node)
            : NodeSpec.DefaultHazelcastPort);

    /// <summary>Minimum-HA nodes hold every role; fully distributed nodes hold the roles they list.</summary>
    public bool HasRole(NodeSpec node, NodeRole role) =>
        Pattern == Pattern.MinimumHa ? role != NodeRole.Storm : node.HasRole(role);

    public IEnumerable<NodeSpec> NodesWithRole(NodeRole role) => Nodes.Where(n => HasRole(n, role));

    /// <summary>The Stream Processor nodes holding a role (SP nodes hold exactly one).</summary>
    public IEnumerable<NodeSpec> NodesWithSpRole(SpNodeRole role) => Nodes.Where(n => n.SpRoles.Contains(role));

    /// <summary>The node's wso2.carbon.id: its own carbonId, else its name, so ids are distinct unless a spec says otherwise.</summary>
    public static string CarbonIdOf(NodeSpec node) => node.CarbonId ?? node.Name;
}

/// <summary>Values every node takes unless it says otherwise.</summary>
public sealed class NodeDefaults : SpecElement
{
    public string? SshUser { get; set; }
    public int? SshPort { get; set; }

    /// <summary>The private key file (OpenSSH format) nodes log in with, unless a node names its own.</summary>
    public string? SshKey { get; set; }

    /// <summary>The environment variable holding the private key's passphrase (the key is read unencrypted when unset).</summary>
    public string? SshKeyPassphraseEnv { get; set; }

    /// <summary>The environment variable holding the login password (password and keyboard-interactive authentication, SshNet transport).</summary>
    public string? SshPasswordEnv { get; set; }

    /// <summary>The bastion every node is reached through (<c>[user@]host[:port]</c>), unless a node names its own or <c>none</c>.</summary>
    public string? JumpHost { get; set; }

    public string? Home { get; set; }

    /// <summary>
    /// The JDK every node's bin/jartobundle.sh runs with (JAVA_HOME; Stream Processor's jar conversion needs JDK 1.8).
    /// Unset means the JAVA_HOME of the node's SSH session.
    /// </summary>
    public string? JavaHome { get; set; }

    /// <summary>The user every node's product runs as; unset means each home's owner.</summary>
    public string? RunAs { get; set; }
}

public sealed class SparkSpec : SpecElement
{
    /// <summary>carbon.spark.master; 'local' with clustering on runs the Carbon-clustered Spark (seed 003).</summary>
    public string Master { get; set; } = "local";

    /// <summary>carbon.spark.master.count: 2 for HA (one ALIVE, one STANDBY).</summary>
    public int MasterCount { get; set; } = 2;

    /// <summary>carbon.das.symbolic.link for every Spark node unless a node overrides it.</summary>
    public string? Symlink { get; set; }
}

public sealed class CepSpec : SpecElement
{
    /// <summary>CEP state persistence in HA mode; seeds 002/003 advise off unless state must survive restarts.</summary>
    public bool Persistence { get; set; }
}

/// <summary>SVN-based deployment synchronizer; exactly one receiver commits (seed 000 step 7).</summary>
public sealed class DepSyncSpec : SpecElement
{
    public const string DefaultPasswordEnv = "DASOPS_SVN_PASSWORD";

    public bool Enabled { get; set; } = true;
    public string SvnUrl { get; set; } = "";
    public string User { get; set; } = "";
    public string PasswordEnv { get; set; } = DefaultPasswordEnv;

    /// <summary>Names of the committing nodes; validation insists on exactly one.</summary>
    public List<string> Committers { get; set; } = new List<string>();
}
