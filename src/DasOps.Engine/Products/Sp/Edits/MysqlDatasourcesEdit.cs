using DasOps.Engine.Config.Yaml;

namespace DasOps.Engine.Products.Sp.Edits;

/// <summary>
/// <c>WSO2_CLUSTER_DB</c> and <c>SP_MGT_DB</c> move from the stock H2 files to the shared MySQL databases: URL, user,
/// password and driver, in place (a single-quoted or double-quoted URL stays so). The stock manager defines only
/// SP_MGT_DB (its cluster.config and deployment.config both name it) and the stock worker only WSO2_CLUSTER_DB; each
/// file gets the one it defines, and the one its own sections name must be there. A datasource the file does not
/// define is not added: nothing in that runtime would read it.
/// </summary>
public sealed class MysqlDatasourcesEdit : ISpDeploymentEdit
{
    public const string ClusterDatasource = "WSO2_CLUSTER_DB";
    public const string ManagementDatasource = "SP_MGT_DB";

    public bool AppliesTo(SpNodeSettings settings) => true;

    public void Apply(YamlTextDocument document, SpNodeSettings settings, string sourceName)
    {
        var required = settings.IsManager ? ManagementDatasource : ClusterDatasource;
        if (document.Find(PathOf(required)) == null)
        {
            var list = document.Find("wso2.datasources/dataSources");
            throw new YamlTextException(sourceName, list == null ? 1 : list.Line + 1, list == null ? 1 : list.Column + 1,
                $"no '{required}' datasource under wso2.datasources/dataSources, which a {settings.Role} needs.");
        }
        Point(document, ClusterDatasource, settings.ClusterDatabase);
        Point(document, ManagementDatasource, settings.ManagementDatabase);
    }

    /// <summary>The configuration mapping of the named datasource.</summary>
    public static string PathOf(string datasource) => $"wso2.datasources/dataSources/[name={datasource}]/definition/configuration";

    private static void Point(YamlTextDocument document, string datasource, SpDatabase database)
    {
        var path = PathOf(datasource);
        if (document.Find(path) == null) return;
        document.SetScalar(path + "/jdbcUrl", database.JdbcUrl);
        document.SetScalar(path + "/username", database.Username);
        document.SetScalar(path + "/password", database.PasswordReference);
        document.SetScalar(path + "/driverClassName", database.DriverClassName);
    }
}
