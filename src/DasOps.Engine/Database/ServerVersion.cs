using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DasOps.Engine.Database;

/// <summary>What SELECT VERSION() says, and the syntax and carbon script that follow from it.</summary>
public sealed class ServerVersion
{
    private ServerVersion(string text, bool isMariaDb, Version version)
    {
        Text = text;
        IsMariaDb = isMariaDb;
        Version = version;
    }

    public string Text { get; }
    public bool IsMariaDb { get; }
    public Version Version { get; }

    public static ServerVersion Parse(string text)
    {
        var m = Regex.Match(text, @"^(\d+)\.(\d+)\.(\d+)");
        if (!m.Success) throw new DatabaseException($"cannot read the server version from '{text}'.");
        var version = new Version(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
        return new ServerVersion(text, text.IndexOf("MariaDB", StringComparison.OrdinalIgnoreCase) >= 0, version);
    }

    /// <summary>
    /// mysql5.7.sql (DEFAULT CURRENT_TIMESTAMP, shorter index names) on MySQL 5.7+ and MariaDB 10.2+, where the old
    /// script's zero-date defaults fail; mysql.sql otherwise (carbon kernel 4.4.6 note in seed 003).
    /// </summary>
    public string CarbonScriptName => IsMariaDb
        ? (Version >= new Version(10, 2) ? "mysql5.7.sql" : "mysql.sql")
        : (Version >= new Version(5, 7) ? "mysql5.7.sql" : "mysql.sql");

    /// <summary>CREATE USER IF NOT EXISTS exists from MySQL 5.7.6 and MariaDB 10.1.3; MySQL 5.6 needs a check first.</summary>
    public bool SupportsCreateUserIfNotExists => IsMariaDb ? Version >= new Version(10, 1, 3) : Version >= new Version(5, 7, 6);

    public override string ToString() => (IsMariaDb ? "MariaDB " : "MySQL ") + Version.ToString(3);
}
