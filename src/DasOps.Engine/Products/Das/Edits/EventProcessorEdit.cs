using DasOps.Engine.Config;
using DasOps.Engine.Config.Xml;

namespace DasOps.Engine.Products.Das.Edits;

/// <summary>
/// repository/conf/event-processor.xml: CEP HA mode with this node's own IP in eventSync and management, the
/// presenter on dashboard nodes, and persistence as the spec says (seed 002 step 3, seed 003 step 3).
/// </summary>
/// <remarks>
/// The product uses the first &lt;mode&gt; whose enable is true, and the stock Single mode comes first and is
/// enabled, so it is switched off (seed 003's full file shows it off). Seed 002 also enables Distributed mode;
/// because HA precedes it, the product would ignore it, and Distributed mode needs Storm managers DasOps does not
/// run, so it stays off: the result is what the product does with the seed's file, stated plainly.
/// Presenter nodes get worker off: the product binds the presentation port only on presenter-and-not-worker nodes.
/// </remarks>
public sealed class EventProcessorEdit : XmlConfigEdit
{
    public override string Path => "repository/conf/event-processor.xml";

    protected override void Edit(XmlTextDocument document, RenderContext context)
    {
        var root = RequireRoot(document, "eventProcessorConfiguration");
        var ha = Require(root.Element("mode", "name", "HA"), root, "<mode name=\"HA\">");
        foreach (var mode in root.Elements("mode"))
        {
            mode.SetAttribute("enable", mode.GetAttribute("name") == "HA" ? "true" : "false");
        }

        var node = context.Node;
        var presenter = context.Das().IsPresenter(node);
        var nodeType = Require(ha.Element("nodeType"), ha, "<nodeType>");
        SetEnable(nodeType, "worker", !presenter);
        SetEnable(nodeType, "presenter", presenter);

        Require(ha.Element("eventSync"), ha, "<eventSync>").SetChildText("hostName", node.Host);
        Require(ha.Element("management"), ha, "<management>").SetChildText("hostName", node.Host);
        Require(ha.Element("presentation"), ha, "<presentation>").SetChildText("hostName", context.Das().PresentationHostFor(node));

        var persistence = ha.Element("persistence");
        if (persistence != null) persistence.SetAttribute("enable", context.Spec.Cep.Persistence ? "true" : "false");
        else
            ha.AppendElement(
                $"<persistence enable=\"{(context.Spec.Cep.Persistence ? "true" : "false")}\">\n" +
                "    <persistenceIntervalInMinutes>15</persistenceIntervalInMinutes>\n" +
                "    <persisterSchedulerPoolSize>10</persisterSchedulerPoolSize>\n" +
                "    <persister class=\"org.wso2.carbon.event.processor.core.internal.persistence.FileSystemPersistenceStore\">\n" +
                "        <property key=\"persistenceLocation\">cep_persistence</property>\n" +
                "    </persister>\n" +
                "</persistence>");
    }

    private static void SetEnable(XmlTextElement nodeType, string name, bool enable)
    {
        var element = nodeType.Element(name);
        var value = enable ? "true" : "false";
        if (element != null) element.SetAttribute("enable", value);
        else nodeType.AppendElement($"<{name} enable=\"{value}\"/>");
    }
}
