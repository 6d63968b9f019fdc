using DasOps.Engine.Config;
using DasOps.Engine.Config.Xml;

namespace DasOps.Engine.Products.Das.Edits;

/// <summary>
/// repository/conf/datasources/master-datasources.xml: adds WSO2UM_DB (user store) and WSO2REG_DB (registry) on the
/// shared database, after WSO2_CARBON_DB, which stays as shipped (seed 002 step 1a, seed 003 step 1a).
/// </summary>
public sealed class MasterDatasourcesEdit : XmlConfigEdit
{
    public const string UserManagerJndi = "jdbc/WSO2UM_DB";
    public const string RegistryJndi = "jdbc/WSO2REG_DB";

    public override string Path => "repository/conf/datasources/master-datasources.xml";

    public override bool HoldsSecrets(RenderContext context) => true;

    protected override void Edit(XmlTextDocument document, RenderContext context)
    {
        var root = RequireRoot(document, "datasources-configuration");
        var datasources = Require(root.Element("datasources"), root, "<datasources> element");
        var db = context.Spec.Database;
        Ensure(datasources, "WSO2UM_DB", "The datasource used by user manager", UserManagerJndi, db.JdbcUrl(db.Names.UserDb), context);
        Ensure(datasources, "WSO2REG_DB", "The datasource used by the registry", RegistryJndi, db.JdbcUrl(db.Names.RegDb), context);
    }

    private void Ensure(XmlTextElement datasources, string name, string description, string jndi, string url, RenderContext context)
    {
        var db = context.Spec.Database;
        var existing = datasources.ElementWithChild("datasource", "name", name);
        if (existing != null)
        {
            DatasourceXml.Point(new XmlConfigEditContext(Path), existing, jndi, url, db.User, context.DatabasePassword, db.DriverClassName);
            return;
        }
        var fragment = DatasourceXml.Fragment(name, description, jndi, url, db.User, context.DatabasePassword, db.DriverClassName, analytics: false);
        XmlTextElement? last = null;
        foreach (var ds in datasources.Elements("datasource")) last = ds;
        if (last != null) datasources.InsertAfter(last, fragment);
        else datasources.AppendElement(fragment);
    }
}
