using System.Collections.Generic;
using System.Linq;

namespace DasOps.Engine.Spec;

/// <summary>One DAS/IS Analytics or Stream Processor node of the cluster.</summary>
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

    /// <summary>The JDK for this node's bin/jartobundle.sh (JAVA_HOME); overrides defaults.javaHome.</summary>
    public string? JavaHome { get; set; }

    /// <summary>The user the product runs as; overrides defaults.runAs. Unset means the owner of the product home.</summary>
    public string? RunAs { get; set; }

    /// <summary>DAS roles (fully distributed DAS); empty on a Stream Processor node.</summary>
    public List<NodeRole> Roles { get; set; } = new List<NodeRole>();

    /// <summary>Stream Processor roles, from the same <c>roles:</c> list; validation wants exactly one on an SP node.</summary>
    public List<SpNodeRole> SpRoles { get; set; } = new List<SpNodeRole>();

    /// <summary>The one SP role of this node, or null when it has none or several.</summary>
    public SpNodeRole? SpRole => SpRoles.Count == 1 ? SpRoles[0] : (SpNodeRole?)null;

    /// <summary>
    /// wso2.carbon.id (Stream Processor only); unset means the node name (<see cref="ClusterSpec.CarbonIdOf"/>). The stock
    /// files give every node <c>wso2-sp</c>, and a manager REJECTS a second node heartbeating with the same id.
    /// </summary>
    public string? CarbonId { get; set; }

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

    public override string ToString()
    {
        var roles = Roles.Select(r => r.ToString()).Concat(SpRoles.Select(r => r.ToString())).ToList();
        return roles.Count == 0 ? $"{Name} ({Host})" : $"{Name} ({Host}; {string.Join(",", roles)})";
    }
}
