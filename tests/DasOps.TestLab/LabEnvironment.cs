using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DasOps.TestLab;

/// <summary>
/// The facts of a running lab, read from its lab.env (what `lab.sh env` prints): where its state lives, its hosts and
/// their addresses, the database and the SSH client files. Host paths are the hosts' files seen from the root namespace.
/// </summary>
public sealed class LabEnvironment
{
    private static readonly string[] Required =
        { "LAB_DIR", "LAB_NODES", "LAB_NODE_IPS", "LAB_DB_HOST", "LAB_DB_PORT", "LAB_DB_ADMIN_USER", "LAB_DB_ADMIN_PASSWORD_FILE",
          "LAB_SSH_CONFIG", "LAB_KNOWN_HOSTS", "LAB_SSH_KEY", "LAB_HOME" };

    private LabEnvironment(IReadOnlyDictionary<string, string> values) => Values = values;

    /// <summary>The lab's state directory: DASOPS_LAB_DIR, or /var/lib/dasops-lab.</summary>
    public static string StateDirectory => Environment.GetEnvironmentVariable("DASOPS_LAB_DIR") ?? "/var/lib/dasops-lab";

    /// <summary>Every LAB_* value of lab.env, by name.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    public string Dir => Values["LAB_DIR"];
    public IReadOnlyList<string> Hosts => Values["LAB_NODES"].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    public IReadOnlyList<string> HostAddresses => Values["LAB_NODE_IPS"].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    public string DbHost => Values["LAB_DB_HOST"];
    public int DbPort => int.Parse(Values["LAB_DB_PORT"]);
    public string DbAdminUser => Values["LAB_DB_ADMIN_USER"];
    public string DbAdminPassword => File.ReadAllText(Values["LAB_DB_ADMIN_PASSWORD_FILE"]).Trim();
    public string SshConfig => Values["LAB_SSH_CONFIG"];
    public string KnownHosts => Values["LAB_KNOWN_HOSTS"];

    /// <summary>The lab's client key, authorized on every host as root.</summary>
    public string SshKey => Values["LAB_SSH_KEY"];

    /// <summary>The product home as the hosts see it (/srv/das).</summary>
    public string Home => Values["LAB_HOME"];

    /// <summary>The product home of a lab host (nodeK) seen from the root namespace.</summary>
    public string HomeOf(string host) => Path.Combine(Dir, "hosts", host, "srv", "das");

    public string HostPath(string host, string relative) => Path.Combine(HomeOf(host), relative);

    /// <summary>A path under the host's /srv (the Spark link lives there).</summary>
    public string SrvPath(string host, string relative) => Path.Combine(Dir, "hosts", host, "srv", relative);

    /// <summary>The lab host at an address: nodeK lives at 10.77.0.(10+K).</summary>
    public string HostAt(string address)
    {
        var index = HostAddresses.ToList().IndexOf(address);
        if (index < 0) throw new ArgumentException($"no lab host has the address {address}; the lab has {string.Join(", ", HostAddresses)}.");
        return Hosts[index];
    }

    public static LabEnvironment Read()
    {
        var file = Path.Combine(StateDirectory, "lab.env");
        var values = new Dictionary<string, string>();
        foreach (var line in File.ReadAllLines(file))
        {
            var text = line.StartsWith("export ", StringComparison.Ordinal) ? line.Substring(7) : line;
            var eq = text.IndexOf('=');
            if (eq > 0 && text.StartsWith("LAB_", StringComparison.Ordinal)) values[text.Substring(0, eq)] = text.Substring(eq + 1).Trim('"', '\'');
        }
        var missing = Required.Where(k => !values.ContainsKey(k)).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"{file} has no {string.Join(", ", missing)}.");
        return new LabEnvironment(values);
    }
}
