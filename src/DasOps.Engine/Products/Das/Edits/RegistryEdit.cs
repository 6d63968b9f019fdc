using DasOps.Engine.Config;
using DasOps.Engine.Config.Xml;

namespace DasOps.Engine.Products.Das.Edits;

/// <summary>
/// repository/conf/registry.xml: the govregistry dbConfig on WSO2REG_DB, a remote instance "gov" and mounts of
/// /_system/governance and /_system/config on it (seed 002 step 1d). The local wso2registry dbConfig stays.
/// </summary>
public sealed class RegistryEdit : XmlConfigEdit
{
    public const string InstanceId = "gov";
    private const string DbConfigName = "govregistry";

    public override string Path => "repository/conf/registry.xml";

    protected override void Edit(XmlTextDocument document, RenderContext context)
    {
        var root = RequireRoot(document, "wso2registry");
        var local = Require(root.Element("dbConfig", "name", "wso2registry"), root, "<dbConfig name=\"wso2registry\">");
        var db = context.Spec.Database;

        var dbConfig = root.Element("dbConfig", "name", DbConfigName)
            ?? root.InsertAfter(local, $"<dbConfig name=\"{DbConfigName}\">\n    <dataSource>{MasterDatasourcesEdit.RegistryJndi}</dataSource>\n</dbConfig>");
        dbConfig.SetChildText("dataSource", MasterDatasourcesEdit.RegistryJndi);

        var cacheId = $"{db.User}@{db.JdbcUrl(db.Names.RegDb)}";
        var instance = FindInstance(root);
        if (instance == null)
        {
            instance = root.InsertAfter(dbConfig,
                "<remoteInstance url=\"https://localhost:9443/registry\">\n" +
                $"    <id>{InstanceId}</id>\n" +
                $"    <cacheId>{Escape(cacheId)}</cacheId>\n" +
                $"    <dbConfig>{DbConfigName}</dbConfig>\n" +
                "    <readOnly>false</readOnly>\n" +
                "    <enableCache>true</enableCache>\n" +
                "    <registryRoot>/</registryRoot>\n" +
                "</remoteInstance>");
        }
        instance.SetChildText("cacheId", cacheId);
        instance.SetChildText("dbConfig", DbConfigName);
        instance.SetChildText("readOnly", "false");

        var governance = Mount(root, instance, "/_system/governance");
        Mount(root, governance, "/_system/config");
    }

    private static XmlTextElement? FindInstance(XmlTextElement root)
    {
        foreach (var candidate in root.Elements("remoteInstance"))
        {
            if (candidate.Element("id")?.Text.Trim() == InstanceId) return candidate;
        }
        return null;
    }

    private static XmlTextElement Mount(XmlTextElement root, XmlTextElement after, string path)
    {
        var mount = root.Element("mount", "path", path)
            ?? root.InsertAfter(after,
                $"<mount path=\"{path}\" overwrite=\"true\">\n    <instanceId>{InstanceId}</instanceId>\n    <targetPath>{path}</targetPath>\n</mount>");
        mount.SetAttribute("overwrite", "true");
        mount.SetChildText("instanceId", InstanceId);
        mount.SetChildText("targetPath", path);
        return mount;
    }
}
