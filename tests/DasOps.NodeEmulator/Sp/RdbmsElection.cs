using System.Text.Json;
using MySqlConnector;

namespace DasOps.NodeEmulator.Sp;

/// <summary>
/// cluster.config with RDBMSCoordinationStrategy: the managers of one groupId elect a leader through the tables
/// carbon-coordination 2.1.1 creates itself (CREATE TABLE IF NOT EXISTS) in the strategyConfig datasource. Every
/// cluster heartbeatInterval a node stamps its CLUSTER_NODE_STATUS_TABLE row; the LEADER_STATUS_TABLE row of the group
/// is taken by whoever inserts it first and taken over, compare-and-set, once its stamp is older than
/// heartbeatInterval*heartbeatMaxRetry. Column layouts are the emulator's reading of the strategy (inferred), and
/// PROPERTY_MAP holds JSON where the real node stores a serialized Java map.
/// </summary>
internal sealed class RdbmsElection : IManagerElection, IDisposable
{
    private static readonly string[] Schema =
    [
        "CREATE TABLE IF NOT EXISTS LEADER_STATUS_TABLE (GROUP_ID VARCHAR(512) NOT NULL, NODE_ID VARCHAR(512) NOT NULL, LAST_HEARTBEAT BIGINT NOT NULL, PRIMARY KEY (GROUP_ID))",
        "CREATE TABLE IF NOT EXISTS CLUSTER_NODE_STATUS_TABLE (GROUP_ID VARCHAR(512) NOT NULL, NODE_ID VARCHAR(512) NOT NULL, IS_NEW_NODE INT NOT NULL, PROPERTY_MAP BLOB NOT NULL, LAST_HEARTBEAT BIGINT NOT NULL, PRIMARY KEY (GROUP_ID, NODE_ID))",
        "CREATE TABLE IF NOT EXISTS MEMBERSHIP_EVENT_TABLE (NODE_ID VARCHAR(512) NOT NULL, GROUP_ID VARCHAR(512) NOT NULL, CHANGE_TYPE INT NOT NULL, CHANGED_MEMBER_ID VARCHAR(512) NOT NULL)",
        "CREATE TABLE IF NOT EXISTS REMOVED_MEMBERS_TABLE (NODE_ID VARCHAR(512) NOT NULL, GROUP_ID VARCHAR(512) NOT NULL, REMOVED_MEMBER_ID VARCHAR(512) NOT NULL)",
        "CREATE TABLE IF NOT EXISTS RESOURCE_POOL_TABLE (GROUP_ID VARCHAR(512) NOT NULL, RESOURCE_POOL BLOB NOT NULL, PRIMARY KEY (GROUP_ID))",
    ];

    private readonly SpConfig _config;
    private readonly MySqlConnection _connection;
    private readonly int _timeoutMs;
    private volatile ManagerNode? _leader;
    private volatile IReadOnlyList<ManagerNode> _members = [];
    private volatile string? _selfId;

    public RdbmsElection(SpConfig config)
    {
        _config = config;
        _timeoutMs = config.ClusterHeartbeatInterval * config.ClusterHeartbeatMaxRetry;
        var name = config.ClusterDataSource ?? "";
        if (!config.DataSources.TryGetValue(name, out var ds))
            throw new RefusalException(SpLoggers.RdbmsCoordination,
                $"Error in initializing the RDBMS coordination strategy: datasource '{name}' (cluster.config strategyConfig.datasource in {config.File}) is not defined in wso2.datasources");
        _connection = new MySqlConnection(ConnectionString(ds, config.File));
        try
        {
            _connection.Open();
            foreach (var ddl in Schema)
                Execute(ddl);
        }
        catch (MySqlException e)
        {
            throw new RefusalException(SpLoggers.DataSources,
                $"Error in creating data source '{ds.Name}' ({ds.JdbcUrl}): Communications link failure",
                "com.mysql.jdbc.exceptions.jdbc4.CommunicationsException: " + e.Message);
        }
    }

    /// <summary>The coordination heartbeat: <see cref="Tick"/> is to run at this fixed rate.</summary>
    public TimeSpan Interval => TimeSpan.FromMilliseconds(Math.Max(10, _config.ClusterHeartbeatInterval));

    public bool IsLeader => _leader != null && _leader.Id == _selfId;

    public ManagerNode? Leader => _leader;

    public IReadOnlyList<ManagerNode> Members => _members;

    /// <summary>jdbc:mysql://host[:port]/db[?…] → a MySqlConnector connection string; anything else is refused.</summary>
    private static string ConnectionString(SpDataSource ds, string file)
    {
        const string prefix = "jdbc:mysql://";
        if (!ds.JdbcUrl.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            throw new RefusalException(SpLoggers.RdbmsCoordination,
                $"Datasource '{ds.Name}' in {file} is '{ds.JdbcUrl}': RDBMS coordination of distributed managers needs a database all managers share (the stock H2 file is private to each node)");
        var rest = ds.JdbcUrl[prefix.Length..];
        var query = rest.IndexOf('?');
        if (query >= 0)
            rest = rest[..query];
        var slash = rest.IndexOf('/');
        var hostPort = slash >= 0 ? rest[..slash] : rest;
        var database = slash >= 0 ? rest[(slash + 1)..] : "";
        var colon = hostPort.LastIndexOf(':');
        return new MySqlConnectionStringBuilder
        {
            Server = colon > 0 ? hostPort[..colon] : hostPort,
            Port = colon > 0 && uint.TryParse(hostPort[(colon + 1)..], out var port) ? port : 3306,
            Database = database,
            UserID = ds.Username,
            Password = ds.Password,
            ConnectionTimeout = 5,
            Pooling = false,
        }.ConnectionString;
    }

    public void Tick(ManagerNode self)
    {
        lock (_connection)
            TickLocked(self);
    }

    private void TickLocked(ManagerNode self)
    {
        _selfId = self.Id;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var group = _config.GroupId;
        var properties = JsonSerializer.SerializeToUtf8Bytes(new
        {
            id = self.Id, host = self.Interface.Host, port = self.Interface.Port,
            heartbeatInterval = self.HeartbeatInterval, heartbeatMaxRetry = self.HeartbeatMaxRetry,
        });
        Execute("INSERT INTO CLUSTER_NODE_STATUS_TABLE (GROUP_ID, NODE_ID, IS_NEW_NODE, PROPERTY_MAP, LAST_HEARTBEAT) VALUES (@g, @n, 1, @p, @t) " +
                "ON DUPLICATE KEY UPDATE PROPERTY_MAP = @p, LAST_HEARTBEAT = @t, IS_NEW_NODE = 0", ("@g", group), ("@n", self.Id), ("@p", properties), ("@t", now));
        Execute("INSERT IGNORE INTO LEADER_STATUS_TABLE (GROUP_ID, NODE_ID, LAST_HEARTBEAT) VALUES (@g, @n, @t)", ("@g", group), ("@n", self.Id), ("@t", now));
        // Stamp our leadership, or take over a leader whose stamp is stale (compare-and-set on the old stamp).
        Execute("UPDATE LEADER_STATUS_TABLE SET LAST_HEARTBEAT = @t WHERE GROUP_ID = @g AND NODE_ID = @n", ("@g", group), ("@n", self.Id), ("@t", now));
        Execute("UPDATE LEADER_STATUS_TABLE SET NODE_ID = @n, LAST_HEARTBEAT = @t WHERE GROUP_ID = @g AND NODE_ID <> @n AND LAST_HEARTBEAT < @stale",
            ("@g", group), ("@n", self.Id), ("@t", now), ("@stale", now - _timeoutMs));

        string? leaderId = null;
        using (var command = Command("SELECT NODE_ID FROM LEADER_STATUS_TABLE WHERE GROUP_ID = @g", ("@g", group)))
            leaderId = command.ExecuteScalar() as string;
        var members = new List<ManagerNode>();
        using (var command = Command("SELECT NODE_ID, PROPERTY_MAP FROM CLUSTER_NODE_STATUS_TABLE WHERE GROUP_ID = @g AND LAST_HEARTBEAT >= @alive",
                   ("@g", group), ("@alive", now - _timeoutMs)))
        using (var reader = command.ExecuteReader())
            while (reader.Read())
            {
                var map = JsonDocument.Parse((byte[])reader[1]).RootElement;
                members.Add(new ManagerNode(reader.GetString(0),
                    new SpInterface(map.GetProperty("host").GetString()!, map.GetProperty("port").GetInt32(), "admin", "admin"),
                    map.GetProperty("heartbeatInterval").GetInt32(), map.GetProperty("heartbeatMaxRetry").GetInt32()));
            }
        _members = members;
        _leader = leaderId == self.Id ? self : members.FirstOrDefault(m => m.Id == leaderId);
    }

    /// <summary>RESOURCE_POOL_TABLE, as the jobmanager persists its ResourcePool (JSON here instead of a serialized object).</summary>
    public void SavePool(string json)
    {
        lock (_connection)
            Execute("INSERT INTO RESOURCE_POOL_TABLE (GROUP_ID, RESOURCE_POOL) VALUES (@g, @p) ON DUPLICATE KEY UPDATE RESOURCE_POOL = @p",
            ("@g", _config.GroupId), ("@p", System.Text.Encoding.UTF8.GetBytes(json)));
    }

    public string? LoadPool()
    {
        lock (_connection)
            return LoadPoolLocked();
    }

    private string? LoadPoolLocked()
    {
        using var command = Command("SELECT RESOURCE_POOL FROM RESOURCE_POOL_TABLE WHERE GROUP_ID = @g", ("@g", _config.GroupId));
        return command.ExecuteScalar() is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null;
    }

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private MySqlCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        if (_connection.State != System.Data.ConnectionState.Open)
        {
            _connection.Close();
            _connection.Open();
        }
        var command = new MySqlCommand(sql, _connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }

    public void Dispose()
    {
        lock (_connection)
            _connection.Dispose();
    }
}
