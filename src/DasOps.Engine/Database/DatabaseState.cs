using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace DasOps.Engine.Database;

/// <summary>What the server has, read in one round trip: version, schemas and charsets, tables, accounts, privileges.</summary>
public sealed class DatabaseState
{
    private static readonly string[] WantedPrivileges = { "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "INDEX", "ALTER" };

    public ServerVersion Version { get; private set; } = ServerVersion.Parse("0.0.0");
    public Dictionary<string, string> Schemas { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, List<string>> Tables { get; } = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
    public HashSet<string> Accounts { get; } = new HashSet<string>(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _privileges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);

    public static async Task<DatabaseState> ReadAsync(MysqlClient client, IReadOnlyList<string> databases, string user, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", databases.Select(SqlText.Literal));
        var batch = new SqlBatch()
            .Add("SELECT 'version', VERSION();", "read the server version")
            .Add($"SELECT 'schema', SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN ({names});", "read the databases")
            .Add($"SELECT 'table', TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA IN ({names});", "read the tables")
            .Add($"SELECT 'account', User, Host FROM mysql.user WHERE User = {SqlText.Literal(user)};", "read the accounts")
            .Add($"SELECT 'privilege', GRANTEE, TABLE_SCHEMA, PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES WHERE TABLE_SCHEMA IN ({names});", "read the grants");
        var state = new DatabaseState();
        foreach (var row in await client.RunAsync(batch, null, cancellationToken).ConfigureAwait(false))
        {
            switch (row[0])
            {
                case "version": state.Version = ServerVersion.Parse(row[1]); break;
                case "schema": state.Schemas[row[1]] = row[2]; break;
                case "table":
                    if (!state.Tables.TryGetValue(row[1], out var list)) state.Tables[row[1]] = list = new List<string>();
                    list.Add(row[2]);
                    break;
                case "account": state.Accounts.Add(Key(row[1], row[2])); break;
                case "privilege":
                    var grant = row[1] + "|" + row[2].ToLowerInvariant();
                    if (!state._privileges.TryGetValue(grant, out var set)) state._privileges[grant] = set = new HashSet<string>(StringComparer.Ordinal);
                    set.Add(row[3]);
                    break;
            }
        }
        return state;
    }

    public static string Key(string user, string host) => $"'{user}'@'{host}'";

    public IReadOnlyList<string> TablesOf(string database) => Tables.TryGetValue(database, out var list) ? list : new List<string>();

    /// <summary>True when the account already holds every privilege DasOps grants on the database.</summary>
    public bool HasGrants(string user, string host, string database) =>
        _privileges.TryGetValue(Key(user, host) + "|" + database.ToLowerInvariant(), out var set) && WantedPrivileges.All(set.Contains);
}
