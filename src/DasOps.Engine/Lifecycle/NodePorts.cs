using System.Collections.Generic;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Lifecycle;

/// <summary>
/// The TCP ports a running node listens on (ground truth §b): the offset applies to everything except the
/// Hazelcast localMemberPort. Which ports are expected depends on the node's role.
/// </summary>
public static class NodePorts
{
    public const int Https = 9443;
    public const int Http = 9763;
    public const int ThriftTcp = 7611;
    public const int EventSync = 11224;
    public const int HaManagement = 10005;
    public const int SparkMaster = 7077;
    public const int SparkMasterUi = 8081;

    public static int HttpsOf(ClusterSpec spec, NodeSpec node) => Https + spec.PortOffsetOf(node);

    public static int SparkUiOf(ClusterSpec spec, NodeSpec node) => SparkMasterUi + spec.PortOffsetOf(node);

    /// <summary>Ports every running node of this role must have open, with a name for reports; CEP HA nodes add the Thrift and HA ports.</summary>
    public static IReadOnlyList<(string Name, int Port)> ExpectedOf(ClusterSpec spec, NodeSpec node, bool runsCepHa)
    {
        var offset = spec.PortOffsetOf(node);
        var ports = new List<(string, int)>
        {
            ("https", Https + offset),
            ("http", Http + offset),
            ("hazelcast", spec.HazelcastPortOf(node)),
        };
        if (runsCepHa)
        {
            ports.Add(("thrift", ThriftTcp + offset));
            ports.Add(("cep-eventSync", EventSync + offset));
            ports.Add(("cep-management", HaManagement + offset));
        }
        return ports;
    }
}
