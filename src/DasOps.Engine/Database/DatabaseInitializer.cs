using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Remote;
using DasOps.Engine.Secrets;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Database;

/// <summary>
/// Initialize-DasDatabase / `dasops db init`: the cluster's databases (character set from the spec, latin1 by
/// default), its user on every node host with grants, and the carbon schema from the product's own dbscripts in
/// userdb and regdb — each only when missing. Never drops or alters anything that exists; a partial schema is
/// reported and left alone. Safe to run again: a second run reports everything unchanged. It talks to the server
/// with MySqlConnector through a port forwarded over the node's SSH connection (<see cref="DatabaseSession"/>), and
/// reads the node's script with cat over the same connection: no mysql client is needed on either side.
/// </summary>
public sealed class DatabaseInitializer
{
    private readonly ClusterSpec _spec;
    private readonly ClusterSecrets _secrets;
    private readonly IRemoteShell _shell;
    private readonly string _scriptDirectory;
    private readonly IOperationReporter _reporter;

    /// <param name="shell">The node the connection goes through (an <see cref="IPortForwarding"/> shell), or a local shell to connect from this machine.</param>
    /// <param name="scriptDirectory">The product's dbscripts directory on the machine <paramref name="shell"/> runs on.</param>
    public DatabaseInitializer(ClusterSpec spec, ClusterSecrets secrets, IRemoteShell shell, string scriptDirectory, IOperationReporter? reporter = null)
    {
        _spec = spec;
        _secrets = secrets;
        _shell = shell;
        _scriptDirectory = scriptDirectory.TrimEnd('/');
        _reporter = reporter ?? SilentReporter.Instance;
    }

    public bool WhatIf { get; set; }

    /// <summary>Clients the user is created for: the spec's pattern, else every node host.</summary>
    public IReadOnlyList<string> ClientHosts =>
        _spec.Database.ClientHostPattern != null
            ? new[] { _spec.Database.ClientHostPattern }
            : _spec.Nodes.Select(n => n.Host).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public async Task<DatabaseInitResult> RunAsync(CancellationToken cancellationToken)
    {
        var db = _spec.Database;
        var password = _secrets.DatabasePassword ?? throw new InputException(InputErrorKind.SecretMissing, $"the database user's password ({db.PasswordEnv}) is needed to create {db.User}.");
        var adminPassword = _secrets.DatabaseAdminPassword ?? throw new InputException(InputErrorKind.SecretMissing, $"the database administrator's password ({db.AdminPasswordEnv}) is needed.");
        var databases = DatabasesOf(_spec);

        _reporter.Progress("Initialize databases", $"connecting to {db.Host}:{db.Port} as {db.AdminUser} through {_shell.Node}", 10);
        using var admin = await DatabaseSession.OpenAsync(_shell, db, SpecPaths.Resolve(_spec, db.TlsCa), db.AdminUser, adminPassword, _secrets.Values, null, cancellationToken)
            .ConfigureAwait(false);
        var state = await DatabaseState.ReadAsync(admin, databases.Select(d => d.Item1).ToList(), db.User, cancellationToken).ConfigureAwait(false);
        _reporter.Verbose($"{state.Version} ({state.Version.Text}); carbon script {state.Version.CarbonScriptName}");

        var script = databases.Any(d => d.Item3) ? await ReadScriptAsync(state.Version.CarbonScriptName, cancellationToken).ConfigureAwait(false) : null;

        // Everything that would change, decided from the state read above.
        var changes = new SqlBatch();
        foreach (var (name, _, _) in databases.Where(d => !state.Schemas.ContainsKey(d.Item1)))
            changes.Add($"CREATE DATABASE IF NOT EXISTS {SqlText.Identifier(name)} CHARACTER SET {SqlText.CharacterSet(db.CharacterSet)};", $"create database {name}");
        foreach (var host in ClientHosts)
        {
            var account = SqlText.Account(db.User, host);
            if (!state.Accounts.Contains(DatabaseState.Key(db.User, host)))
            {
                var create = state.Version.SupportsCreateUserIfNotExists ? "CREATE USER IF NOT EXISTS" : "CREATE USER";
                changes.Add($"{create} {account} IDENTIFIED BY @password;", $"create user {db.User}@{host}",
                    new Dictionary<string, object> { ["@password"] = password },
                    masked: $"{create} {account} IDENTIFIED BY {SqlText.Literal(SecretMasker.Mask)};");
            }
            foreach (var (name, _, _) in databases.Where(d => !state.HasGrants(db.User, host, d.Item1)))
                changes.Add($"GRANT ALL PRIVILEGES ON {SqlText.Identifier(name)}.* TO {account};", $"grant {db.User}@{host} on {name}");
        }
        var schemaTargets = script == null ? new List<string>()
            : databases.Where(d => d.Item3 && script.StateOf(state.TablesOf(d.Item1)) == SchemaState.Absent).Select(d => d.Item1).ToList();

        var masked = changes.Statements.Select(s => SecretMasker.Apply(s.Masked, _secrets.Values)).ToList();
        masked.AddRange(schemaTargets.Select(t => $"USE {SqlText.Identifier(t)}; SOURCE {_scriptDirectory}/{script!.Name};"));

        var proceed = !WhatIf && (changes.Count > 0 || schemaTargets.Count > 0)
            && _reporter.ShouldProcess($"{db.Host}:{db.Port}", $"create {Describe(changes, schemaTargets)}");
        if (proceed)
        {
            if (changes.Count > 0)
            {
                _reporter.Progress("Initialize databases", $"creating {Describe(changes, new List<string>())}", 40);
                foreach (var change in changes.Statements)
                    await admin.ExecuteAsync(change.Sql, change.Parameters, null, $"{change.Description}: {change.Masked}", cancellationToken).ConfigureAwait(false);
            }
            foreach (var target in schemaTargets)
            {
                _reporter.Progress("Initialize databases", $"loading {script!.Name} into {target}", 60);
                await LoadScriptAsync(admin, script, target, cancellationToken).ConfigureAwait(false);
            }
        }

        _reporter.Progress("Initialize databases", "verifying", 90);
        var after = proceed ? await DatabaseState.ReadAsync(admin, databases.Select(d => d.Item1).ToList(), db.User, cancellationToken).ConfigureAwait(false) : state;
        var reports = databases.Select(d => Report(d.Item1, d.Item2, d.Item3, state, after, script, schemaTargets, proceed)).ToList();
        var accounts = ClientHosts.Select(h => ReportAccount(h, databases.Select(d => d.Item1).ToList(), state, after, proceed)).ToList();
        _reporter.Progress("Initialize databases", "done", 100);
        return new DatabaseInitResult($"{state.Version} at {db.Host}:{db.Port}", _shell.Node, script?.Name, reports, accounts, masked);
    }

    /// <summary>
    /// The product's databases, by name, with what they are for and whether the carbon schema goes in them. DAS and IS
    /// Analytics: userdb and regdb (carbon schema) and the two analytics record stores. Stream Processor: the cluster
    /// and management databases, whose tables SP creates itself at start (ground truth §f).
    /// </summary>
    internal static List<(string Name, string Purpose, bool Carbon)> DatabasesOf(ClusterSpec spec)
    {
        var names = spec.Database.Names;
        var databases = spec.Product == Product.StreamProcessor
            ? new[]
            {
                (Name: names.ClusterDb, Purpose: "clusterDb", Carbon: false),
                (Name: names.ManagementDb, Purpose: "managementDb", Carbon: false),
            }
            : new[]
            {
                (Name: names.UserDb, Purpose: "userdb", Carbon: true),
                (Name: names.RegDb, Purpose: "regdb", Carbon: true),
                (Name: names.EventStore, Purpose: "eventStore", Carbon: false),
                (Name: names.ProcessedDataStore, Purpose: "processedDataStore", Carbon: false),
            };
        return databases.GroupBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.First().Name, string.Join("+", g.Select(d => d.Purpose)), g.Any(d => d.Carbon))).ToList();
    }

    /// <summary>The product's script, statement by statement, into an empty database; the first failure stops it, named by file and line.</summary>
    private async Task LoadScriptAsync(DatabaseSession admin, CarbonSchemaScript script, string database, CancellationToken cancellationToken)
    {
        var path = $"{_scriptDirectory}/{script.Name}";
        await admin.UseAsync(database, cancellationToken).ConfigureAwait(false);
        foreach (var statement in SqlScript.Split(script.Text))
            await admin.ExecuteAsync(statement.Text, null, database, $"{path} line {statement.Line}", cancellationToken).ConfigureAwait(false);
    }

    private async Task<CarbonSchemaScript> ReadScriptAsync(string name, CancellationToken cancellationToken)
    {
        var path = $"{_scriptDirectory}/{name}";
        var result = await _shell.RunAsync(RemoteCommand.Script("cat -- \"$1\"", new[] { path }, description: "read " + name), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new DatabaseException($"{_shell.Node}: cannot read the carbon schema script {path}: {result.StandardError.Trim()}");
        return new CarbonSchemaScript(name, Encoding.UTF8.GetString(result.StandardOutput));
    }

    private DatabaseReport Report(string name, string purpose, bool carbon, DatabaseState before, DatabaseState after, CarbonSchemaScript? script,
        List<string> schemaTargets, bool applied)
    {
        var existed = before.Schemas.TryGetValue(name, out var charset);
        after.Schemas.TryGetValue(name, out var charsetAfter);
        var dbAction = existed ? DatabaseAction.Unchanged
            : !applied ? DatabaseAction.WouldCreate
            : charsetAfter != null ? DatabaseAction.Created : DatabaseAction.Failed;
        var details = new List<string>();
        var effectiveCharset = charsetAfter ?? charset;
        if (existed && !string.Equals(charset, _spec.Database.CharacterSet, StringComparison.OrdinalIgnoreCase))
        {
            var warning = $"database {name} exists with character set {charset}; the spec says {_spec.Database.CharacterSet}. DasOps does not change an existing database.";
            _reporter.Warning(warning);
            details.Add(warning);
        }

        DatabaseAction? schema = null;
        var tables = after.TablesOf(name).Count;
        if (carbon && script != null)
        {
            var beforeState = script.StateOf(before.TablesOf(name));
            if (beforeState == SchemaState.Complete) schema = DatabaseAction.Unchanged;
            else if (beforeState == SchemaState.Partial)
            {
                schema = DatabaseAction.Partial;
                var missing = script.MissingFrom(before.TablesOf(name));
                details.Add($"partial carbon schema: {missing.Count} of {script.Tables.Count} tables missing ({string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", ..." : "")}); " +
                            "left untouched because the script is not re-runnable. Fix or empty the database, then run again.");
            }
            else if (!applied || !schemaTargets.Contains(name)) schema = DatabaseAction.WouldCreate;
            else
            {
                var afterState = script.StateOf(after.TablesOf(name));
                schema = afterState == SchemaState.Complete ? DatabaseAction.Created : DatabaseAction.Failed;
                if (schema == DatabaseAction.Failed) details.Add($"after loading {script.Name}, {script.MissingFrom(after.TablesOf(name)).Count} tables are still missing.");
            }
        }
        return new DatabaseReport(name, purpose, dbAction, effectiveCharset, schema, tables, string.Join(" ", details));
    }

    private AccountReport ReportAccount(string host, IReadOnlyList<string> databases, DatabaseState before, DatabaseState after, bool applied)
    {
        var user = _spec.Database.User;
        var key = DatabaseState.Key(user, host);
        var userAction = before.Accounts.Contains(key) ? DatabaseAction.Unchanged
            : !applied ? DatabaseAction.WouldCreate
            : after.Accounts.Contains(key) ? DatabaseAction.Created : DatabaseAction.Failed;
        var hadGrants = databases.All(d => before.HasGrants(user, host, d));
        var grantAction = hadGrants ? DatabaseAction.Unchanged
            : !applied ? DatabaseAction.WouldCreate
            : databases.All(d => after.HasGrants(user, host, d)) ? DatabaseAction.Created : DatabaseAction.Failed;
        var detail = userAction == DatabaseAction.Unchanged ? "account exists; its password is not changed by init" : "";
        return new AccountReport($"{user}@{host}", userAction, grantAction, detail);
    }

    private static string Describe(SqlBatch changes, List<string> schemaTargets)
    {
        var parts = changes.Statements.Select(s => s.Description).ToList();
        parts.AddRange(schemaTargets.Select(t => "carbon schema in " + t));
        return string.Join(", ", parts);
    }
}
