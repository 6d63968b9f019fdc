using System.Collections.Generic;

namespace DasOps.Engine.Lifecycle;

/// <summary>One line of `dasops status` / Get-DasNode: the process, its role, HA state and Spark master state.</summary>
public sealed class NodeStatus
{
    public NodeStatus(string node, string host, string roles, string process, int? pid, bool ready, string? cep, string? spark, int? members, int expectedMembers, string detail)
    {
        Node = node;
        Host = host;
        Roles = roles;
        Process = process;
        Pid = pid;
        Ready = ready;
        Cep = cep;
        Spark = spark;
        Members = members;
        ExpectedMembers = expectedMembers;
        Detail = detail;
    }

    public string Node { get; }
    public string Host { get; }
    public string Roles { get; }

    /// <summary>running, stopped, or "stale pid file" when the file names a dead process.</summary>
    public string Process { get; }

    public int? Pid { get; }
    public bool Ready { get; }

    /// <summary>CEP HA role of this boot: Active, Passive, Backup, or null.</summary>
    public string? Cep { get; }

    /// <summary>Spark master status from /json (ALIVE, STANDBY ...), or null when this node runs no master.</summary>
    public string? Spark { get; }

    public int? Members { get; }
    public int ExpectedMembers { get; }
    public string Detail { get; }
}
