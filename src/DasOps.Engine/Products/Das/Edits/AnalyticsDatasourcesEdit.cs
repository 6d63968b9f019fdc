using DasOps.Engine.Config;
using DasOps.Engine.Config.Xml;

namespace DasOps.Engine.Products.Das.Edits;

/// <summary>
/// repository/conf/datasources/analytics-datasources.xml: points the event store and processed data store at the
/// shared database (seed 002 step 1b). WSO2_ANALYTICS_FS_DB of seed 000 exists only in DAS 3.0.0 and is not created.
/// </summary>
public sealed class AnalyticsDatasourcesEdit : XmlConfigEdit
{
    public const string EventStoreDatasource = "WSO2_ANALYTICS_EVENT_STORE_DB";
    public const string ProcessedDataStoreDatasource = "WSO2_ANALYTICS_PROCESSED_DATA_STORE_DB";

    public override string Path => "repository/conf/datasources/analytics-datasources.xml";

    public override bool HoldsSecrets(RenderContext context) => true;

    protected override void Edit(XmlTextDocument document, RenderContext context)
    {
        var root = RequireRoot(document, "datasources-configuration");
        var datasources = Require(root.Element("datasources"), root, "<datasources> element");
        var db = context.Spec.Database;
        Ensure(datasources, EventStoreDatasource, db.JdbcUrl(db.Names.EventStore), context);
        Ensure(datasources, ProcessedDataStoreDatasource, db.JdbcUrl(db.Names.ProcessedDataStore), context);
    }

    private void Ensure(XmlTextElement datasources, string name, string url, RenderContext context)
    {
        var db = context.Spec.Database;
        var existing = datasources.ElementWithChild("datasource", "name", name);
        if (existing != null)
        {
            // The stock entries have no jndiConfig and must not get one (analytics looks them up by name).
            DatasourceXml.Point(new XmlConfigEditContext(Path), existing, null, url, db.User, context.DatabasePassword, db.DriverClassName);
            return;
        }
        datasources.AppendElement(DatasourceXml.Fragment(name, "The datasource used for analytics record store", null, url,
            db.User, context.DatabasePassword, db.DriverClassName, analytics: true));
    }
}
