using System.Text;
using DasOps.Engine.Config;
using DasOps.Engine.Config.Xml;

namespace DasOps.Engine.Products.Das;

/// <summary>The RDBMS datasource element of seeds 002/003, and the values DasOps keeps right in an existing one.</summary>
internal static class DatasourceXml
{
    public static string Fragment(string name, string description, string? jndiName, string url, string user, string password,
        string driver, bool analytics)
    {
        string E(string v) => XmlTextEscaping.EscapeText(v);
        var sb = new StringBuilder();
        sb.Append("<datasource>\n");
        sb.Append("    <name>").Append(E(name)).Append("</name>\n");
        sb.Append("    <description>").Append(E(description)).Append("</description>\n");
        if (jndiName != null)
        {
            sb.Append("    <jndiConfig>\n");
            sb.Append("        <name>").Append(E(jndiName)).Append("</name>\n");
            sb.Append("    </jndiConfig>\n");
        }
        sb.Append("    <definition type=\"RDBMS\">\n");
        sb.Append("        <configuration>\n");
        sb.Append("            <url>").Append(E(url)).Append("</url>\n");
        sb.Append("            <username>").Append(E(user)).Append("</username>\n");
        sb.Append("            <password>").Append(E(password)).Append("</password>\n");
        sb.Append("            <driverClassName>").Append(E(driver)).Append("</driverClassName>\n");
        sb.Append("            <maxActive>50</maxActive>\n");
        sb.Append("            <maxWait>60000</maxWait>\n");
        sb.Append("            <testOnBorrow>true</testOnBorrow>\n");
        sb.Append("            <validationQuery>SELECT 1</validationQuery>\n");
        sb.Append("            <validationInterval>30000</validationInterval>\n");
        if (analytics) sb.Append("            <defaultAutoCommit>false</defaultAutoCommit>\n");
        sb.Append("        </configuration>\n");
        sb.Append("    </definition>\n");
        sb.Append("</datasource>");
        return sb.ToString();
    }

    /// <summary>Points an existing datasource at the cluster database; its other settings stay as the operator left them.</summary>
    public static void Point(XmlConfigEditContext at, XmlTextElement datasource, string? jndiName, string url, string user, string password, string driver)
    {
        if (jndiName != null) datasource.GetOrAddElement("jndiConfig").SetChildText("name", jndiName);
        var definition = datasource.Element("definition") ?? throw at.Missing(datasource, "<definition>");
        if (definition.GetAttribute("type") != "RDBMS")
            throw at.Fail(definition, $"datasource definition type is '{definition.GetAttribute("type")}', expected RDBMS.");
        var configuration = definition.Element("configuration") ?? throw at.Missing(definition, "<configuration>");
        configuration.SetChildText("url", url);
        configuration.SetChildText("username", user);
        configuration.SetChildText("password", password);
        configuration.SetChildText("driverClassName", driver);
    }
}

/// <summary>Lets helpers outside an edit raise errors located in the edit's file.</summary>
internal sealed class XmlConfigEditContext
{
    private readonly string _path;

    public XmlConfigEditContext(string path) => _path = path;

    public ConfigEditException Missing(XmlTextElement parent, string what) =>
        new ConfigEditException(_path, parent.Line, parent.Column, $"<{parent.Name}> has no {what}.");

    public ConfigEditException Fail(XmlTextElement at, string message) =>
        new ConfigEditException(_path, at.Line, at.Column, message);
}
