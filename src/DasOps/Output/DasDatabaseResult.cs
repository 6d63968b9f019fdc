using DasOps.Engine.Database;
using DasOps.Internal;

namespace DasOps;

/// <summary>One of the cluster's databases after Initialize-DasDatabase: whether it was created, its character set and its carbon schema.</summary>
public sealed class DasDatabaseResult
{
    internal DasDatabaseResult(DatabaseInitResult outcome, DatabaseReport report)
    {
        Server = outcome.Server;
        RanOn = outcome.RanOn;
        Name = report.Name;
        Purpose = report.Purpose;
        Action = EnumMap.ToModule<DasDatabaseAction>(report.Database);
        CharacterSet = report.CharacterSet;
        Schema = report.Schema is { } schema ? EnumMap.ToModule<DasDatabaseAction>(schema) : null;
        Tables = report.Tables;
        Detail = report.Detail;
    }

    /// <summary>The server's version and address, as it reported them.</summary>
    public string Server { get; }

    /// <summary>Where the connection started: the node whose SSH connection carried it, or this machine with -Local.</summary>
    public string RanOn { get; }

    public string Name { get; }

    /// <summary>userdb, regdb, eventStore or processedDataStore (joined with '+' when one database serves several).</summary>
    public string Purpose { get; }

    /// <summary>What happened to the database itself.</summary>
    public DasDatabaseAction Action { get; }

    public string? CharacterSet { get; }

    /// <summary>The carbon schema (mysql.sql) in userdb and regdb; null for the analytics databases, which need none.</summary>
    public DasDatabaseAction? Schema { get; }

    /// <summary>How many tables the database holds after the run.</summary>
    public int Tables { get; }

    /// <summary>Why a database is Partial or Failed, or a warning such as a character set other than the spec's.</summary>
    public string Detail { get; }

    public override string ToString() => $"{Name} ({Action})";
}
