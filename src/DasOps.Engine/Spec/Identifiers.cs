using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace DasOps.Engine.Spec;

/// <summary>The shapes of names the spec accepts; anything else is rejected before it reaches a file, a shell or SQL.</summary>
public static class Identifiers
{
    // MySQL allows more, but the seeds' names are plain identifiers and anything else would need quoting everywhere.
    private static readonly Regex SqlIdentifier = new Regex(@"\A[A-Za-z_][A-Za-z0-9_]{0,63}\z", RegexOptions.CultureInvariant);
    private static readonly Regex SqlUser = new Regex(@"\A[A-Za-z_][A-Za-z0-9_.-]{0,31}\z", RegexOptions.CultureInvariant);
    private static readonly Regex SqlHostPattern = new Regex(@"\A[A-Za-z0-9_.%:-]{1,255}\z", RegexOptions.CultureInvariant);
    private static readonly Regex HostLabel = new Regex(@"\A(?!-)[A-Za-z0-9-]{1,63}(?<!-)\z", RegexOptions.CultureInvariant);
    private static readonly Regex NodeName = new Regex(@"\A[A-Za-z0-9][A-Za-z0-9._-]{0,62}\z", RegexOptions.CultureInvariant);
    private static readonly Regex EnvName = new Regex(@"\A[A-Za-z_][A-Za-z0-9_]*\z", RegexOptions.CultureInvariant);
    // A login name as useradd accepts it (Debian's NAME_REGEX, with capitals), which ssh, sudo and su all take.
    private static readonly Regex UnixUser = new Regex(@"\A[A-Za-z_][A-Za-z0-9_.-]{0,31}\z", RegexOptions.CultureInvariant);
    // wso2.carbon.id goes into deployment.yaml and heartbeats; a plain word needs no YAML quoting.
    private static readonly Regex CarbonIdPattern = new Regex(@"\A[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z", RegexOptions.CultureInvariant);
    private static readonly Regex NatsClusterIdPattern = new Regex(@"\A[A-Za-z0-9][A-Za-z0-9_-]{0,63}\z", RegexOptions.CultureInvariant);
    private static readonly Regex CharacterSetName = new Regex(@"\A[a-z0-9_]{2,32}\z", RegexOptions.CultureInvariant);

    public static bool IsSqlIdentifier(string? value) => value != null && SqlIdentifier.IsMatch(value);
    public static bool IsSqlUser(string? value) => value != null && SqlUser.IsMatch(value);
    public static bool IsSqlHostPattern(string? value) => value != null && SqlHostPattern.IsMatch(value);
    public static bool IsNodeName(string? value) => value != null && NodeName.IsMatch(value);
    public static bool IsEnvironmentVariableName(string? value) => value != null && EnvName.IsMatch(value);
    public static bool IsCharacterSet(string? value) => value != null && CharacterSetName.IsMatch(value);
    public static bool IsUnixUser(string? value) => value != null && UnixUser.IsMatch(value);
    public static bool IsCarbonId(string? value) => value != null && CarbonIdPattern.IsMatch(value);
    public static bool IsNatsClusterId(string? value) => value != null && NatsClusterIdPattern.IsMatch(value);

    /// <summary>MySQL's own schemas: a spec that names one would grant the cluster's user on the server's catalogue.</summary>
    public static bool IsSystemDatabase(string? value) =>
        value != null && new[] { "mysql", "sys", "information_schema", "performance_schema" }.Contains(value, System.StringComparer.OrdinalIgnoreCase);

    /// <summary>A host as it goes into a URL: an IPv6 literal in brackets (jdbc:mysql://[fd00::10]:3306/db).</summary>
    public static string ForUrl(string host) =>
        IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 && !host.StartsWith("[", System.StringComparison.Ordinal)
            ? "[" + host + "]" : host;

    /// <summary>An IPv4/IPv6 literal or an RFC 1123 host name.</summary>
    public static bool IsHost(string? value)
    {
        if (string.IsNullOrEmpty(value) || value!.Length > 253) return false;
        if (IPAddress.TryParse(value, out var ip)) return ip.AddressFamily == AddressFamily.InterNetworkV6 || value.Split('.').Length == 4;
        if (Regex.IsMatch(value, @"\A[0-9.]+\z")) return false; // looks like a broken IPv4 literal
        foreach (var label in value.TrimEnd('.').Split('.'))
        {
            if (!HostLabel.IsMatch(label)) return false;
        }
        return true;
    }

    public static bool IsLoopback(string host)
    {
        if (string.Equals(host, "localhost", System.StringComparison.OrdinalIgnoreCase) ||
            host.EndsWith(".localhost", System.StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>
    /// An address other nodes can reach this one at: not loopback (127.0.0.0/8, ::1, localhost), not the wildcard
    /// (0.0.0.0, ::), not multicast or broadcast. A name other than localhost passes; whether it resolves is a live check.
    /// </summary>
    public static bool IsInterfaceAddress(string host)
    {
        if (IsLoopback(host)) return false;
        if (!IPAddress.TryParse(host, out var ip)) return true;
        if (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any) || ip.Equals(IPAddress.Broadcast)) return false;
        if (ip.AddressFamily == AddressFamily.InterNetworkV6) return !ip.IsIPv6Multicast;
        var first = ip.GetAddressBytes()[0];
        return first != 0 && first < 224; // 0/8 is "this network", 224 and up multicast or reserved
    }

    public static bool IsAbsolutePosixPath(string? value) =>
        !string.IsNullOrEmpty(value) && value![0] == '/' && value.IndexOf('\0') < 0 && value.IndexOf('\n') < 0;
}
