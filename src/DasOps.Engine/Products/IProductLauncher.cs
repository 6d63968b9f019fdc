using System.Collections.Generic;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Products;

/// <summary>How a node's server is launched and found again. Paths are relative to the node's product home.</summary>
public interface IProductLauncher
{
    /// <summary>The start script (DAS: bin/wso2server.sh).</summary>
    string ScriptOf(NodeSpec node);

    /// <summary>The script's arguments before <paramref name="command"/> (profile flag, port offset), then the command.</summary>
    IReadOnlyList<string> ArgumentsOf(NodeSpec node, string command);

    /// <summary>The pid file the server writes (DAS: wso2carbon.pid); nothing removes it on shutdown.</summary>
    string PidFileOf(NodeSpec node);

    /// <summary>The log that holds the boot and started lines (DAS: repository/logs/wso2carbon.log).</summary>
    string LogFileOf(NodeSpec node);

    /// <summary>The HTTPS port a ready node listens on (with its port offset).</summary>
    int HttpsPortOf(NodeSpec node);
}
