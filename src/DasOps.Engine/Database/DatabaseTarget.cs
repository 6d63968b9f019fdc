using System;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;
using DasOps.Engine.Diagnostics;

namespace DasOps.Engine.Database;

/// <summary>
/// Where Initialize-DasDatabase connects from: through a node by default (it holds the product's dbscripts, and the
/// grants name the nodes' addresses), the first node unless one is named; or from this machine with the scripts
/// from a local directory.
/// </summary>
public static class DatabaseTarget
{
    public static (IRemoteShell Shell, string ScriptDirectory) Choose(ClusterSpec spec, IRemoteShellFactory? nodes, string? nodeName, bool local, string? scriptDirectory)
    {
        if (local)
        {
            if (scriptDirectory == null) throw new InputException(InputErrorKind.ParameterInvalid, "a local run needs the product's dbscripts directory (--scripts / -ScriptDirectory).", "ScriptDirectory");
            return (new LocalShell(Environment.MachineName), scriptDirectory);
        }
        if (nodes == null) throw new ArgumentException("running on a node needs SSH connections.");
        var node = nodeName == null ? spec.Nodes[0] : spec.FindNode(nodeName) ?? throw new InputException(InputErrorKind.NodeNotFound,
            $"unknown node '{nodeName}'; the cluster's nodes are {string.Join(", ", spec.Nodes.ConvertAll(n => n.Name))}.", nodeName);
        return (nodes.ShellFor(node), scriptDirectory ?? spec.HomeOf(node).TrimEnd('/') + "/dbscripts");
    }
}
