using System.Collections.Generic;
using System.Globalization;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Products.Das;

/// <summary>A Carbon 4 node (DAS 3.x, IS Analytics 5.x): bin/wso2server.sh with the role's profile flag and the port offset.</summary>
internal sealed class DasLauncher : IProductLauncher
{
    /// <summary>wso2carbon.pid as the JVM writes it (pid, newline, NUL padding); <see cref="Lifecycle.PidFile.Parse"/> reads it.</summary>
    public const string PidFileName = "wso2carbon.pid";

    private readonly ClusterSpec _spec;
    private readonly DasTopology _topology;

    public DasLauncher(ClusterSpec spec, DasTopology topology)
    {
        _spec = spec;
        _topology = topology;
    }

    public string ScriptOf(NodeSpec node) => "bin/wso2server.sh";

    public IReadOnlyList<string> ArgumentsOf(NodeSpec node, string command)
    {
        var args = new List<string>();
        if (_topology.ProfileFlagOf(node) is { } flag) args.Add(flag);
        args.Add("-DportOffset=" + _spec.PortOffsetOf(node).ToString(CultureInfo.InvariantCulture));
        args.Add(command);
        return args;
    }

    public string PidFileOf(NodeSpec node) => PidFileName;

    public string LogFileOf(NodeSpec node) => LogMarkers.LogFile;

    public int HttpsPortOf(NodeSpec node) => NodePorts.HttpsOf(_spec, node);
}
