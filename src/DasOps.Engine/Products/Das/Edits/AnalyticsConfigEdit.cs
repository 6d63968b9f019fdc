using DasOps.Engine.Config;
using DasOps.Engine.Config.Xml;

namespace DasOps.Engine.Products.Das.Edits;

/// <summary>
/// repository/conf/analytics/analytics-config.xml (seed 003 calls it analytics-conf.xml; the product reads
/// analytics-config.xml): the three record stores use the analytics datasources, RDBMS-backed.
/// </summary>
public sealed class AnalyticsConfigEdit : XmlConfigEdit
{
    private const string RdbmsRecordStore = "org.wso2.carbon.analytics.datasource.rdbms.RDBMSAnalyticsRecordStore";

    public override string Path => "repository/conf/analytics/analytics-config.xml";

    protected override void Edit(XmlTextDocument document, RenderContext context)
    {
        var root = RequireRoot(document, "analytics-dataservice-configuration");
        Store(root, "EVENT_STORE", AnalyticsDatasourcesEdit.EventStoreDatasource, "read_write_optimized");
        Store(root, "EVENT_STORE_WO", AnalyticsDatasourcesEdit.EventStoreDatasource, "write_optimized");
        Store(root, "PROCESSED_DATA_STORE", AnalyticsDatasourcesEdit.ProcessedDataStoreDatasource, "read_write_optimized");
    }

    private void Store(XmlTextElement root, string name, string datasource, string category)
    {
        var store = root.Element("analytics-record-store", "name", name);
        if (store == null)
        {
            var fragment =
                $"<analytics-record-store name=\"{name}\">\n" +
                $"    <implementation>{RdbmsRecordStore}</implementation>\n" +
                "    <properties>\n" +
                $"        <property name=\"datasource\">{datasource}</property>\n" +
                $"        <property name=\"category\">{category}</property>\n" +
                "    </properties>\n" +
                "</analytics-record-store>";
            XmlTextElement? last = null;
            foreach (var s in root.Elements("analytics-record-store")) last = s;
            if (last != null) root.InsertAfter(last, fragment);
            else root.AppendElement(fragment);
            return;
        }
        store.SetChildText("implementation", RdbmsRecordStore);
        var properties = store.GetOrAddElement("properties");
        SetProperty(properties, "datasource", datasource);
        SetProperty(properties, "category", category);
    }

    private static void SetProperty(XmlTextElement properties, string name, string value)
    {
        var property = properties.Element("property", "name", name);
        if (property != null) property.SetText(value);
        else properties.AppendElement($"<property name=\"{name}\">{XmlTextEscaping.EscapeText(value)}</property>");
    }
}
