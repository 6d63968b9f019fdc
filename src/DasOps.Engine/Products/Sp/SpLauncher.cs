using System.Collections.Generic;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Products.Sp;

/// <summary>
/// An SP 4.4.0 runtime: bin/manager.sh or bin/worker.sh, which run wso2/&lt;runtime&gt;/bin/carbon.sh with its own pid file
/// (digits only, no newline) and log under wso2/&lt;runtime&gt;/ (ground truth §f).
/// </summary>
internal sealed class SpLauncher : IProductLauncher
{
    private readonly SpTopology _topology;

    public SpLauncher(SpTopology topology) => _topology = topology;

    public string ScriptOf(NodeSpec node) => $"bin/{_topology.RuntimeOf(node)}.sh";

    /// <summary>carbon.sh takes the command alone: the runtime is the script, and the msf4j ports take no offset.</summary>
    public IReadOnlyList<string> ArgumentsOf(NodeSpec node, string command) => new[] { command };

    public string PidFileOf(NodeSpec node) => $"wso2/{_topology.RuntimeOf(node)}/runtime.pid";

    public string LogFileOf(NodeSpec node) => $"wso2/{_topology.RuntimeOf(node)}/logs/carbon.log";

    public int HttpsPortOf(NodeSpec node) => _topology.HttpsPortOf(node);
}
