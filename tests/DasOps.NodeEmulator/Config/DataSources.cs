namespace DasOps.NodeEmulator;

/// <summary>One &lt;datasource&gt; of a *-datasources.xml file.</summary>
internal sealed record DataSourceDef(string Name, string? JndiName, string? Url, string File);

/// <summary>
/// master-datasources.xml and analytics-datasources.xml. The Carbon ndatasource service puts the datasources
/// of every file in one repository, so names and JNDI names are looked up across both files.
/// </summary>
internal sealed class DataSources
{
    private DataSources(IReadOnlyList<DataSourceDef> all) => All = all;

    public IReadOnlyList<DataSourceDef> All { get; }

    public static DataSources Load(string carbonHome)
    {
        var all = new List<DataSourceDef>();
        all.AddRange(LoadFile(ConfPaths.MasterDataSources(carbonHome), Loggers.DataSourceComponent));
        all.AddRange(LoadFile(ConfPaths.AnalyticsDataSources(carbonHome), Loggers.DataSourceComponent));
        return new DataSources(all);
    }

    public bool HasJndi(string jndiName) => All.Any(d => d.JndiName == jndiName);

    public bool HasName(string name) => All.Any(d => d.Name == name);

    private static IEnumerable<DataSourceDef> LoadFile(string path, string logger)
    {
        var root = XmlConfig.Load(path, logger, $"Error in initializing system data sources at '{path}'");
        var result = new List<DataSourceDef>();
        foreach (var ds in XmlConfig.Children(XmlConfig.Child(root, "datasources"), "datasource"))
        {
            var name = XmlConfig.ChildText(ds, "name");
            if (string.IsNullOrEmpty(name))
                throw new RefusalException(logger,
                    $"Error in initializing system data sources at '{path}' - a <datasource> has no <name>");
            var jndi = XmlConfig.Text(XmlConfig.Path(ds, "jndiConfig", "name"));
            var url = XmlConfig.Text(XmlConfig.Path(ds, "definition", "configuration", "url"));
            if (result.Any(r => r.Name == name))
                throw new RefusalException(logger,
                    $"Error in initializing system data sources at '{path}' - duplicate data source name '{name}'");
            result.Add(new DataSourceDef(name, string.IsNullOrEmpty(jndi) ? null : jndi, url, path));
        }
        return result;
    }
}
