using System.Collections.Generic;

namespace DasOps.TestLab;

/// <summary>The lab's hosts as the tests drive them: up (rebuilt from scratch), faults, commands inside a host, down.</summary>
public static class LabHosts
{
    /// <summary>Tears down whatever is there and brings up <paramref name="hosts"/> hosts plus MariaDB; the lab's facts.</summary>
    public static LabEnvironment Up(int hosts, IReadOnlyDictionary<string, string>? environment = null)
    {
        LabScript.RequireRoot();
        LabScript.Run(environment, "up", hosts.ToString());
        return LabEnvironment.Read();
    }

    public static void Down() => LabScript.Run("down");

    /// <summary>kill | cut | heal a host (or db); see tests/lab/README.md.</summary>
    public static void Fail(string host, string how) => LabScript.Run("fail", host, how);

    /// <summary>A new sshd host key on the host, known_hosts left as it was.</summary>
    public static void Rekey(string host) => LabScript.Run("rekey", host);

    /// <summary>Runs a command inside the host's namespaces; its stdout.</summary>
    public static string Exec(string host, params string[] command)
    {
        var args = new List<string> { "exec", host, "--" };
        args.AddRange(command);
        return LabScript.Run(args.ToArray());
    }
}
