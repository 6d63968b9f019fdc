using DasOps.Engine.Config;
using DasOps.Engine.Config.Xml;

namespace DasOps.Engine.Products.Das.Edits;

/// <summary>repository/conf/user-mgt.xml: the realm's dataSource property names the shared user store (seed 002 step 1c).</summary>
public sealed class UserMgtEdit : XmlConfigEdit
{
    public override string Path => "repository/conf/user-mgt.xml";

    // The admin user's password (<AdminUser><Password>) lives here.
    public override bool HoldsSecrets(RenderContext context) => true;

    protected override void Edit(XmlTextDocument document, RenderContext context)
    {
        var root = RequireRoot(document, "UserManager");
        var realm = Require(root.Element("Realm"), root, "<Realm> element");
        var configuration = Require(realm.Element("Configuration"), realm, "<Configuration> element");
        var property = configuration.Element("Property", "name", "dataSource");
        if (property != null) property.SetText(MasterDatasourcesEdit.UserManagerJndi);
        else configuration.AppendElement($"<Property name=\"dataSource\">{MasterDatasourcesEdit.UserManagerJndi}</Property>");
    }
}
