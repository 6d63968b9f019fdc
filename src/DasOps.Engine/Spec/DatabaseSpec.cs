namespace DasOps.Engine.Spec;

/// <summary>The MySQL/MariaDB server shared by the cluster, and where its secrets come from.</summary>
public sealed class DatabaseSpec : SpecElement
{
    public const string DefaultPasswordEnv = "DASOPS_DB_PASSWORD";
    public const string DefaultAdminPasswordEnv = "DASOPS_DB_ADMIN_PASSWORD";

    public string Host { get; set; } = "";
    public int Port { get; set; } = 3306;

    /// <summary>The account the nodes use (datasources); created by Initialize-DasDatabase.</summary>
    public string User { get; set; } = "wso2das";

    /// <summary>Name of the environment variable holding <see cref="User"/>'s password. Never the password.</summary>
    public string PasswordEnv { get; set; } = DefaultPasswordEnv;

    /// <summary>The administrator that creates databases, users and grants.</summary>
    public string AdminUser { get; set; } = "root";

    public string AdminPasswordEnv { get; set; } = DefaultAdminPasswordEnv;

    /// <summary>latin1 by default: utf8 fails with "Specified key was too long" on the carbon schema (seed 003).</summary>
    public string CharacterSet { get; set; } = "latin1";

    /// <summary>Host pattern the user is created for (e.g. 10.0.0.%). Defaults to one account per node host.</summary>
    public string? ClientHostPattern { get; set; }

    public DatabaseNames Names { get; set; } = new DatabaseNames();

    /// <summary>TLS to the server for Initialize-DasDatabase (spec <c>tls:</c>); preferred, as MySqlConnector does, unless the spec says otherwise.</summary>
    public DatabaseTls Tls { get; set; } = DatabaseTls.Preferred;

    /// <summary>A PEM file with the CA certificate(s) the server's certificate must chain to (spec <c>tlsCa:</c>); null uses the system's trust store.</summary>
    public string? TlsCa { get; set; }

    public string DriverClassName { get; set; } = "com.mysql.jdbc.Driver";

    public string JdbcUrl(string database) => $"jdbc:mysql://{Identifiers.ForUrl(Host)}:{Port}/{database}";
}

/// <summary>The four databases of seeds 002/003 and the two of seed 004; each overridable.</summary>
public sealed class DatabaseNames : SpecElement
{
    /// <summary>Stream Processor: the database behind the WSO2_CLUSTER_DB datasource (every node).</summary>
    public string ClusterDb { get; set; } = "WSO2_CLUSTER_DB";

    /// <summary>Stream Processor: the database behind SP_MGT_DB (the managers' coordination and resource pool tables).</summary>
    public string ManagementDb { get; set; } = "SP_MGT_DB";

    public string UserDb { get; set; } = "userdb";
    public string RegDb { get; set; } = "regdb";
    public string EventStore { get; set; } = "WSO2_ANALYTICS_EVENT_STORE_DB";
    public string ProcessedDataStore { get; set; } = "WSO2_ANALYTICS_PROCESSED_DATA_STORE_DB";
}

/// <summary>How Initialize-DasDatabase protects its connection to the server, as the spec spells it (required, verify-ca ...).</summary>
public enum DatabaseTls
{
    /// <summary><c>none</c>: never TLS.</summary>
    None,

    /// <summary><c>preferred</c>: TLS when the server offers it, otherwise plain.</summary>
    Preferred,

    /// <summary><c>required</c>: TLS or no connection, the server's certificate not checked.</summary>
    Required,

    /// <summary><c>verify-ca</c>: TLS with a certificate that chains to the CA (<c>tlsCa</c>, or the system's trust store).</summary>
    VerifyCa,

    /// <summary><c>verify-full</c>: as verify-ca, and the certificate names the database host.</summary>
    VerifyFull,
}

/// <summary>The spec's spelling of <see cref="DatabaseTls"/> values.</summary>
public static class DatabaseTlsNames
{
    private static readonly string[] Names = { "none", "preferred", "required", "verify-ca", "verify-full" };

    public static string All => string.Join(", ", Names);

    public static string Of(DatabaseTls tls) => Names[(int)tls];

    public static bool TryParse(string text, out DatabaseTls tls)
    {
        var index = System.Array.IndexOf(Names, text.Trim().ToLowerInvariant());
        tls = index < 0 ? DatabaseTls.Preferred : (DatabaseTls)index;
        return index >= 0;
    }
}
