using System;
using System.Linq;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Database;

/// <summary>
/// Quoting for the SQL DasOps writes. Identifiers were validated by the spec and are backquoted anyway; values are
/// string literals with quotes and backslashes escaped (every connection first removes NO_BACKSLASH_ESCAPES, so the
/// escaping means the same on every server).
/// </summary>
public static class SqlText
{
    /// <summary>Run first on every connection so that backslash escapes in literals are interpreted the same everywhere.</summary>
    public const string SessionPreamble = "SET SESSION sql_mode = REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', '');";

    public static string Identifier(string name)
    {
        if (!Identifiers.IsSqlIdentifier(name)) throw new ArgumentException($"'{name}' is not a plain SQL identifier; refusing to use it.", nameof(name));
        return "`" + name + "`";
    }

    public static string Literal(string value)
    {
        if (value.IndexOf('\0') >= 0) throw new ArgumentException("a SQL value may not contain NUL.", nameof(value));
        return "'" + value.Replace("\\", "\\\\").Replace("'", "\\'").Replace("\n", "\\n").Replace("\r", "\\r") + "'";
    }

    /// <summary>'user'@'host' with both parts validated.</summary>
    public static string Account(string user, string host)
    {
        if (!Identifiers.IsSqlUser(user)) throw new ArgumentException($"'{user}' is not a valid database user name.", nameof(user));
        if (!Identifiers.IsSqlHostPattern(host)) throw new ArgumentException($"'{host}' is not a valid host or host pattern.", nameof(host));
        return Literal(user) + "@" + Literal(host);
    }

    /// <summary>A character set name, checked to be one word (it cannot be a parameter in CREATE DATABASE).</summary>
    public static string CharacterSet(string name)
    {
        if (!Identifiers.IsCharacterSet(name)) throw new ArgumentException($"'{name}' is not a character set name; refusing to use it.", nameof(name));
        return name;
    }

    /// <summary>Whether every char is allowed in a client host pattern (used before the value meets SQL).</summary>
    public static bool IsSafeHost(string host) => host.All(c => char.IsLetterOrDigit(c) || ".%_:-".IndexOf(c) >= 0);
}
