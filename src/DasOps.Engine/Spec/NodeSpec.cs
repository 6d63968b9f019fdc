using System.Collections.Generic;
using System.Linq;

namespace DasOps.Engine.Spec;

/// <summary>One DAS/IS Analytics node of the cluster.</summary>
public sealed class NodeSpec : SpecElement
{
    public const int DefaultHazelcastPort = 4000;

    public string Name { get; set; } = "";

    /// <summary>The address the other nodes use (WKA member, CEP eventSync and management host).</summary>
    public string Host { get; set; } = "";

    /// <summary>What ssh connects to; an alias from the user's ssh config or a bastion-reachable name. Defaults to <see cref="Host"/>.</summary>
    public string? SshHost { get; set; }

    public string? SshUser { get; set; }
    public int? SshPort { get; set; }

    /// <summary>This node's private key file; overrides defaults.sshKey.</summary>
    public string? SshKey { get; set; }

    /// <summary>The bastion this node is reached through (<c>[user@]host[:port]</c>, or <c>none</c>); overrides defaults.jumpHost.</summary>
    public string? JumpHost { get; set; }

    /// <summary>The product home on this node (CARBON_HOME).</summary>
    public string? Home { get; set; }

    /// <summary>The user the product runs as; overrides defaults.runAs. Unset means the owner of the product home.</summary>
    public string? RunAs { get; set; }

    public List<NodeRole> Roles { get; set; } = new List<NodeRole>();

    /// <summary>Port offset; unset means the product default (DAS 0, IS Analytics 1, as their carbon.xml ships).</summary>
    public int? PortOffset { get; set; }

    /// <summary>Hazelcast localMemberPort; the product applies no port offset to it.</summary>
    public int? HazelcastPort { get; set; }

    /// <summary>Path of the symbolic link to the product home used by Spark (carbon.das.symbolic.link).</summary>
    public string? SparkSymlink { get; set; }

    /// <summary>Adds <c>export CARBON_HOME=&lt;symlink&gt;</c> to bin/wso2server.sh (seed 000, step 4).</summary>
    public bool RedHat { get; set; }

    /// <summary>Writes <c>export SPARK_LOCAL_IP=...</c> into bin/load-spark-env-vars.sh (seed 003, step 6).</summary>
    public string? SparkLocalIp { get; set; }

    public string EffectiveSshHost => string.IsNullOrEmpty(SshHost) ? Host : SshHost!;


    public bool HasRole(NodeRole role) => Roles.Contains(role);

    public override string ToString() =>
        Roles.Count == 0 ? $"{Name} ({Host})" : $"{Name} ({Host}; {string.Join(",", Roles.Select(r => r.ToString()))})";
}
