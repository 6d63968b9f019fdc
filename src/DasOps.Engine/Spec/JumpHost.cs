using System;
using System.Globalization;

namespace DasOps.Engine.Spec;

/// <summary>
/// A bastion the nodes are reached through, written as ssh's ProxyJump is: <c>[user@]host[:port]</c> (an IPv6 address
/// in brackets when a port follows). <c>none</c> on a node turns off the defaults' jump host for it.
/// </summary>
public sealed class JumpHost : IEquatable<JumpHost>
{
    public const string None = "none";

    public JumpHost(string? user, string host, int port)
    {
        User = user;
        Host = host;
        Port = port;
    }

    /// <summary>The login name on the bastion; null means the node's own login name.</summary>
    public string? User { get; }

    public string Host { get; }
    public int Port { get; }

    /// <summary>Parses <c>[user@]host[:port]</c>; null with the reason when the text is not one.</summary>
    public static JumpHost? TryParse(string text, out string? problem)
    {
        problem = null;
        var rest = text.Trim();
        string? user = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            user = rest.Substring(0, at);
            rest = rest.Substring(at + 1);
            if (!Identifiers.IsUnixUser(user))
            {
                problem = $"'{user}' is not a login name (letters, digits, '_', '.', '-'; at most 32)";
                return null;
            }
        }
        var port = 22;
        string host;
        if (rest.StartsWith("[", StringComparison.Ordinal))
        {
            var close = rest.IndexOf(']');
            if (close < 0) { problem = "an opening '[' has no ']'"; return null; }
            host = rest.Substring(1, close - 1);
            var after = rest.Substring(close + 1);
            if (after.Length > 0 && (!after.StartsWith(":", StringComparison.Ordinal) || !TryPort(after.Substring(1), out port)))
            {
                problem = $"'{after}' after the address is not ':port'";
                return null;
            }
        }
        else
        {
            var colon = rest.IndexOf(':');
            host = colon < 0 ? rest : rest.Substring(0, colon);
            if (colon >= 0 && (rest.IndexOf(':', colon + 1) >= 0 || !TryPort(rest.Substring(colon + 1), out port)))
            {
                problem = $"'{rest.Substring(colon + 1)}' is not a TCP port (write an IPv6 address as [address]:port)";
                return null;
            }
        }
        if (!Identifiers.IsHost(host))
        {
            problem = $"'{host}' is not a host name or IP address";
            return null;
        }
        return new JumpHost(user, host, port);
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port >= 1 && port <= 65535;

    /// <summary>The form ssh's -J takes: user@host:port, an IPv6 address in brackets.</summary>
    public string ToProxyJump(string defaultUser)
    {
        var host = Host.IndexOf(':') >= 0 ? "[" + Host + "]" : Host;
        return $"{User ?? defaultUser}@{host}:{Port.ToString(CultureInfo.InvariantCulture)}";
    }

    public override string ToString() => (User != null ? User + "@" : "") + (Host.IndexOf(':') >= 0 ? "[" + Host + "]" : Host) + (Port != 22 ? ":" + Port.ToString(CultureInfo.InvariantCulture) : "");

    public bool Equals(JumpHost? other) =>
        other != null && string.Equals(User, other.User, StringComparison.Ordinal) && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase) && Port == other.Port;

    public override bool Equals(object? obj) => Equals(obj as JumpHost);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Host) ^ Port;
}
