using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace DasOps.Engine.Spec;

/// <summary>The shapes of names the spec accepts; anything else is rejected before it reaches a file, a shell or SQL.</summary>
public static class Identifiers
{
    // MySQL allows more, but the seeds' names are plain identifiers and anything else would need quoting everywhere.
    private static readonly Regex SqlIdentifier = new Regex("^[A-Za-z_][A-Za-z0-9_]{0,63}$", RegexOptions.CultureInvariant);
    private static readonly Regex SqlUser = new Regex("^[A-Za-z_][A-Za-z0-9_.-]{0,31}$", RegexOptions.CultureInvariant);
    private static readonly Regex SqlHostPattern = new Regex(@"^[A-Za-z0-9_.%:-]{1,255}$", RegexOptions.CultureInvariant);
    private static readonly Regex HostLabel = new Regex("^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$", RegexOptions.CultureInvariant);
    private static readonly Regex NodeName = new Regex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$", RegexOptions.CultureInvariant);
    private static readonly Regex EnvName = new Regex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);
    private static readonly Regex CharacterSetName = new Regex("^[a-z0-9_]{2,32}$", RegexOptions.CultureInvariant);

    public static bool IsSqlIdentifier(string? value) => value != null && SqlIdentifier.IsMatch(value);
    public static bool IsSqlUser(string? value) => value != null && SqlUser.IsMatch(value);
    public static bool IsSqlHostPattern(string? value) => value != null && SqlHostPattern.IsMatch(value);
    public static bool IsNodeName(string? value) => value != null && NodeName.IsMatch(value);
    public static bool IsEnvironmentVariableName(string? value) => value != null && EnvName.IsMatch(value);
    public static bool IsCharacterSet(string? value) => value != null && CharacterSetName.IsMatch(value);

    /// <summary>An IPv4/IPv6 literal or an RFC 1123 host name.</summary>
    public static bool IsHost(string? value)
    {
        if (string.IsNullOrEmpty(value) || value!.Length > 253) return false;
        if (IPAddress.TryParse(value, out var ip)) return ip.AddressFamily == AddressFamily.InterNetworkV6 || value.Split('.').Length == 4;
        if (Regex.IsMatch(value, @"^[0-9.]+$")) return false; // looks like a broken IPv4 literal
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

    public static bool IsAbsolutePosixPath(string? value) =>
        !string.IsNullOrEmpty(value) && value![0] == '/' && value.IndexOf('\0') < 0 && value.IndexOf('\n') < 0;
}
