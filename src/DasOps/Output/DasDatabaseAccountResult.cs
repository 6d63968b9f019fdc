using DasOps.Engine.Database;
using DasOps.Internal;

namespace DasOps;

/// <summary>The cluster's database user on one client host after Initialize-DasDatabase, and its grants on the cluster's databases.</summary>
public sealed class DasDatabaseAccountResult
{
    internal DasDatabaseAccountResult(DatabaseInitResult outcome, AccountReport report)
    {
        Server = outcome.Server;
        Account = report.Account;
        User = EnumMap.ToModule<DasDatabaseAction>(report.User);
        Grants = EnumMap.ToModule<DasDatabaseAction>(report.Grants);
        Detail = report.Detail;
    }

    /// <summary>The server's version and address, as it reported them.</summary>
    public string Server { get; }

    /// <summary>'user'@'host' as the server knows it.</summary>
    public string Account { get; }

    public DasDatabaseAction User { get; }

    public DasDatabaseAction Grants { get; }

    public string Detail { get; }

    public override string ToString() => $"{Account} (user {User}, grants {Grants})";
}
