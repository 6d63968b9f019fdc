namespace DasOps.NodeEmulator;

/// <summary>
/// Cross-file references a real node resolves at startup: the user realm's dataSource (JNDI), the registry's
/// dbConfig/remoteInstance/mount chain and the analytics record stores' datasource names. A dangling reference
/// fails the owning component on a real node (a JNDI NameNotFoundException or "data source not found"), so the
/// emulator refuses to start with a message naming both files.
/// </summary>
internal static class ReferenceChecks
{
    public static void Run(string carbonHome, DataSources ds)
    {
        CheckUserRealm(carbonHome, ds);
        CheckRegistry(carbonHome, ds);
        CheckRecordStores(carbonHome, ds);
    }

    private static string NotBound(string jndi) =>
        $"javax.naming.NameNotFoundException: Name [{jndi}] is not bound in this Context. Unable to find [{jndi.Split('/')[0]}].";

    private static void CheckUserRealm(string home, DataSources ds)
    {
        var path = ConfPaths.UserMgt(home);
        var root = XmlConfig.Load(path, Loggers.UserCoreActivator, "Cannot start User Manager Core bundle");
        var property = XmlConfig.Children(XmlConfig.Path(root, "Realm", "Configuration"), "Property")
            .FirstOrDefault(p => p.GetAttribute("name") == "dataSource");
        var jndi = XmlConfig.Text(property);
        if (string.IsNullOrEmpty(jndi))
            throw new RefusalException(Loggers.UserCoreActivator,
                $"Cannot start User Manager Core bundle org.wso2.carbon.user.core.UserStoreException: Cannot initialize the realm. " +
                $"No <Property name=\"dataSource\"> under <Realm><Configuration> in {path}");
        if (!ds.HasJndi(jndi))
            throw new RefusalException(Loggers.UserCoreActivator,
                $"Cannot start User Manager Core bundle org.wso2.carbon.user.core.UserStoreException: Error in looking up data source: " +
                $"the dataSource '{jndi}' in {path} is not the JNDI name of any datasource in {ConfPaths.MasterDataSources(home)}",
                NotBound(jndi));
    }

    private static void CheckRegistry(string home, DataSources ds)
    {
        var path = ConfPaths.Registry(home);
        var root = XmlConfig.Load(path, Loggers.RegistryComponent, "Failed to activate Registry Core bundle");
        string Fail(string detail) => $"Failed to activate Registry Core bundle: {detail} ({path})";

        var dbConfigs = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var db in XmlConfig.Children(root, "dbConfig"))
        {
            var name = db.GetAttribute("name");
            var dataSource = XmlConfig.ChildText(db, "dataSource");
            dbConfigs[name] = dataSource;
            if (string.IsNullOrEmpty(dataSource))
                continue; // a dbConfig may carry its own url/driver instead of a datasource
            if (!ds.HasJndi(dataSource))
                throw new RefusalException(Loggers.RegistryComponent,
                    Fail($"dbConfig '{name}' names dataSource '{dataSource}', which is not the JNDI name of any datasource in " +
                         ConfPaths.MasterDataSources(home)), NotBound(dataSource));
        }

        var current = XmlConfig.ChildText(root, "currentDBConfig");
        if (!string.IsNullOrEmpty(current) && !dbConfigs.ContainsKey(current))
            throw new RefusalException(Loggers.RegistryComponent, Fail($"currentDBConfig '{current}' names no <dbConfig>"));

        var instances = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var remote in XmlConfig.Children(root, "remoteInstance"))
        {
            var id = XmlConfig.ChildText(remote, "id") ?? "";
            var dbConfig = XmlConfig.ChildText(remote, "dbConfig");
            instances[id] = dbConfig;
            if (!string.IsNullOrEmpty(dbConfig) && !dbConfigs.ContainsKey(dbConfig))
                throw new RefusalException(Loggers.RegistryComponent,
                    Fail($"remoteInstance '{id}' names dbConfig '{dbConfig}', which is not defined"));
        }

        foreach (var mount in XmlConfig.Children(root, "mount"))
        {
            var mountPath = mount.GetAttribute("path");
            var instanceId = XmlConfig.ChildText(mount, "instanceId") ?? "";
            if (!instances.ContainsKey(instanceId))
                throw new RefusalException(Loggers.RegistryComponent,
                    Fail($"mount '{mountPath}' names instanceId '{instanceId}', which is no <remoteInstance> <id>"));
        }
    }

    private static void CheckRecordStores(string home, DataSources ds)
    {
        var path = ConfPaths.AnalyticsConfig(home);
        var root = XmlConfig.Load(path, Loggers.AnalyticsDataService, "Error in activating analytics data service");
        foreach (var store in XmlConfig.Children(root, "analytics-record-store"))
        {
            var name = store.GetAttribute("name");
            var dsName = XmlConfig.Text(XmlConfig.Children(XmlConfig.Child(store, "properties"), "property")
                .FirstOrDefault(p => p.GetAttribute("name") == "datasource"));
            if (string.IsNullOrEmpty(dsName))
                continue; // non-RDBMS stores (HBase, Cassandra) are configured differently
            if (!ds.HasName(dsName))
                throw new RefusalException(Loggers.AnalyticsDataService,
                    $"Error in activating analytics data service: Error in creating analytics record store '{name}': " +
                    $"the datasource '{dsName}' named in {path} is not defined in {ConfPaths.AnalyticsDataSources(home)}",
                    $"org.wso2.carbon.ndatasource.common.DataSourceException: Data source '{dsName}' cannot be found");
        }
    }
}
