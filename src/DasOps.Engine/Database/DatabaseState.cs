using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace DasOps.Engine.Database;

/// <summary>What the server has: version, schemas and charsets, tables, accounts, privileges; read with parameterized queries.</summary>
public sealed class DatabaseState
{
    private static readonly string[] WantedPrivileges = { "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "INDEX", "ALTER" };

    public ServerVersion Version { get; private set; } = ServerVersion.Parse("0.0.0");
    public Dictionary<string, string> Schemas { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, List<string>> Tables { get; } = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
    public HashSet<string> Accounts { get; } = new HashSet<string>(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _privileges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);

    public static async Task<DatabaseState> ReadAsync(DatabaseSession session, IReadOnlyList<string> databases, string user, CancellationToken cancellationToken)
    {
        // @d0, @d1 ...: the names are parameters; only their count shapes the SQL.
        var parameters = new Dictionary<string, object>(StringComparer.Ordinal) { ["@user"] = user };
        for (var i = 0; i < databases.Count; i++) parameters["@d" + i] = databases[i];
        var names = string.Join(", ", Enumerable.Range(0, databases.Count).Select(i => "@d" + i));

        var state = new DatabaseState();
        var version = await session.QueryAsync("SELECT VERSION();", null, "read the server version", cancellationToken).ConfigureAwait(false);
        state.Version = ServerVersion.Parse(version[0][0]);
        foreach (var row in await session.QueryAsync($"SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN ({names});",
                     parameters, "read the databases", cancellationToken).ConfigureAwait(false))
            state.Schemas[row[0]] = row[1];
        foreach (var row in await session.QueryAsync($"SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA IN ({names});",
                     parameters, "read the tables", cancellationToken).ConfigureAwait(false))
        {
            if (!state.Tables.TryGetValue(row[0], out var list)) state.Tables[row[0]] = list = new List<string>();
            list.Add(row[1]);
        }
        foreach (var row in await session.QueryAsync("SELECT User, Host FROM mysql.user WHERE User = @user;", parameters, "read the accounts", cancellationToken).ConfigureAwait(false))
            state.Accounts.Add(Key(row[0], row[1]));
        foreach (var row in await session.QueryAsync($"SELECT GRANTEE, TABLE_SCHEMA, PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES WHERE TABLE_SCHEMA IN ({names});",
                     parameters, "read the grants", cancellationToken).ConfigureAwait(false))
        {
            var grant = row[0] + "|" + row[1].ToLowerInvariant();
            if (!state._privileges.TryGetValue(grant, out var set)) state._privileges[grant] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(row[2]);
        }
        return state;
    }

    public static string Key(string user, string host) => $"'{user}'@'{host}'";

    public IReadOnlyList<string> TablesOf(string database) => Tables.TryGetValue(database, out var list) ? list : new List<string>();

    /// <summary>True when the account already holds every privilege DasOps grants on the database.</summary>
    public bool HasGrants(string user, string host, string database) =>
        _privileges.TryGetValue(Key(user, host) + "|" + database.ToLowerInvariant(), out var set) && WantedPrivileges.All(set.Contains);
}
