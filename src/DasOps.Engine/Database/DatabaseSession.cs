using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Remote;
using DasOps.Engine.Secrets;
using DasOps.Engine.Spec;
using MySqlConnector;

namespace DasOps.Engine.Database;

/// <summary>
/// One MySqlConnector connection to the cluster's server, made through a port forwarded over a node's SSH connection
/// (so the server sees the node's address, which its grants name), or directly from this machine for a local run.
/// The password goes only into the in-memory connection settings; errors are worded with the node and masked.
/// </summary>
public sealed class DatabaseSession : IDisposable
{
    private readonly MySqlConnection _connection;
    private readonly ILocalForward? _forward;
    private readonly IReadOnlyList<string> _secrets;

    private DatabaseSession(string node, MySqlConnection connection, ILocalForward? forward, IReadOnlyList<string> secrets)
    {
        Node = node;
        _connection = connection;
        _forward = forward;
        _secrets = secrets;
    }

    /// <summary>Where the connection starts: the node whose SSH connection carries it, or this machine.</summary>
    public string Node { get; }

    /// <summary>Seconds a statement may run (the carbon script's biggest CREATE TABLE takes well under one).</summary>
    public static int CommandTimeoutSeconds { get; set; } = 120;

    /// <param name="tlsCaPath">The spec's tlsCa resolved to a local path, or null.</param>
    public static async Task<DatabaseSession> OpenAsync(IRemoteShell shell, DatabaseSpec db, string? tlsCaPath, string user, string password,
        IEnumerable<string> secrets, string? database, CancellationToken cancellationToken)
    {
        var masked = secrets.Concat(new[] { password }).Where(s => !string.IsNullOrEmpty(s)).ToList();
        ILocalForward? forward = null;
        if (shell is IPortForwarding forwarding)
        {
            try
            {
                forward = await forwarding.ForwardAsync(db.Host, db.Port, cancellationToken).ConfigureAwait(false);
            }
            catch (PortForwardException e)
            {
                throw new DatabaseException($"{shell.Node}: unreachable while connecting to the database: {SecretMasker.Apply(e.Message, masked)}");
            }
        }
        var settings = new MySqlConnectionStringBuilder
        {
            Server = forward?.LocalHost ?? db.Host,
            Port = (uint)(forward?.LocalPort ?? db.Port),
            UserID = user,
            Password = password,
            Database = database ?? "",
            Pooling = false,
            AllowUserVariables = true,
            ConnectionTimeout = 15,
            DefaultCommandTimeout = (uint)CommandTimeoutSeconds,
            SslMode = DatabaseTlsPolicy.SslModeFor(db.Tls, forward != null),
            SslCa = tlsCaPath ?? "",
        };
        var connection = new MySqlConnection(settings.ConnectionString);
        if (forward != null && db.Tls == DatabaseTls.VerifyFull)
            connection.RemoteCertificateValidationCallback = DatabaseTlsPolicy.VerifyFullThroughForward(db.Host, tlsCaPath);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var preamble = new MySqlCommand(SqlText.SessionPreamble, connection);
            await preamble.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Cancellation included: nothing of a failed open outlives it.
            connection.Dispose();
            var onward = forward?.LastError;
            forward?.Dispose();
            if (e is MySqlException || e is System.IO.IOException || e is System.Security.Authentication.AuthenticationException || e is InvalidOperationException)
                throw Describe(shell.Node, db, e, onward, masked);
            throw;
        }
        return new DatabaseSession(shell.Node, connection, forward, masked);
    }

    /// <summary>Runs a query with parameters (named @p..., never built from input) and returns its rows as strings.</summary>
    public async Task<IReadOnlyList<string[]>> QueryAsync(string sql, IReadOnlyDictionary<string, object>? parameters, string description, CancellationToken cancellationToken)
    {
        var rows = new List<string[]>();
        try
        {
            using var command = Command(sql, parameters);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = new string[reader.FieldCount];
                for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
                rows.Add(row);
            }
        }
        catch (MySqlException e)
        {
            throw Failure(e, null, $"{description}: {sql}");
        }
        return rows;
    }

    /// <summary>Runs one statement. <paramref name="shown"/> is how it is named if it fails (with the secrets masked).</summary>
    public async Task ExecuteAsync(string sql, IReadOnlyDictionary<string, object>? parameters, string? database, string shown, CancellationToken cancellationToken)
    {
        try
        {
            using var command = Command(sql, parameters);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException e)
        {
            throw Failure(e, database, shown);
        }
    }

    /// <summary>Makes <paramref name="database"/> the default for the statements that follow (USE, with the name quoted).</summary>
    public Task UseAsync(string database, CancellationToken cancellationToken) =>
        ExecuteAsync("USE " + SqlText.Identifier(database) + ";", null, database, "use " + database, cancellationToken);

    private MySqlCommand Command(string sql, IReadOnlyDictionary<string, object>? parameters)
    {
        var command = new MySqlCommand(sql, _connection);
        if (parameters != null)
            foreach (var pair in parameters) command.Parameters.AddWithValue(pair.Key, pair.Value);
        return command;
    }

    private DatabaseException Failure(MySqlException e, string? database, string shown)
    {
        var where = database != null ? $"database {database}" : "the server";
        var statement = SecretMasker.Apply(shown, _secrets);
        var message = $"{Node}: {where}: {SecretMasker.Apply(e.Message, _secrets)} (MySQL error {e.Number}) in {statement}";
        return new DatabaseException(message, database, statement, e.Number, accessDenied: IsAccessDenied(e.Number));
    }

    private static bool IsAccessDenied(int code) => code == 1045 || code == 1044 || code == 1698;

    private static DatabaseException Describe(string node, DatabaseSpec db, Exception e, string? onward, IReadOnlyList<string> secrets)
    {
        var text = SecretMasker.Apply(Innermost(e), secrets);
        if (e is MySqlException m && m.Number != 0 && m.Number != (int)MySqlErrorCode.UnableToConnectToHost)
            return new DatabaseException($"{node}: the server: {text} (MySQL error {m.Number})", errorCode: m.Number, accessDenied: IsAccessDenied(m.Number));
        var tls = db.Tls == DatabaseTls.None || db.Tls == DatabaseTls.Preferred ? "" : $" (tls: {DatabaseTlsNames.Of(db.Tls)})";
        var reason = onward != null ? SecretMasker.Apply(onward, secrets) : text;
        return new DatabaseException($"{node}: cannot connect to the database at {db.Host}:{db.Port}{tls}: {reason}");
    }

    private static string Innermost(Exception e)
    {
        var parts = new List<string>();
        for (var x = e; x != null; x = x.InnerException)
            if (!parts.Contains(x.Message)) parts.Add(x.Message);
        return string.Join(": ", parts);
    }

    public void Dispose()
    {
        _connection.Dispose();
        _forward?.Dispose();
    }
}
