using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using DasOps.Engine.Config;
using DasOps.Engine.Config.Xml;

namespace DasOps.Engine.Products.Das.Edits;

/// <summary>
/// repository/conf/axis2/axis2.xml: Hazelcast clustering on, WKA membership, this node's own address and port,
/// and the well-known members (seed 002 step 2; analyzers list only analyzers). The file is CRLF and stays so.
/// </summary>
public sealed class Axis2ClusteringEdit : XmlConfigEdit
{
    public const string HazelcastAgent = "org.wso2.carbon.core.clustering.hazelcast.HazelcastClusteringAgent";

    public override string Path => "repository/conf/axis2/axis2.xml";

    protected override void Edit(XmlTextDocument document, RenderContext context)
    {
        var root = RequireRoot(document, "axisconfig");
        var clustering = Require(root.Element("clustering", "class", HazelcastAgent), root, $"<clustering class=\"{HazelcastAgent}\">");
        clustering.SetAttribute("enable", "true");
        SetParameter(clustering, "membershipScheme", "wka");
        SetParameter(clustering, "localMemberHost", context.Node.Host);
        SetParameter(clustering, "localMemberPort", context.Spec.HazelcastPortOf(context.Node).ToString(CultureInfo.InvariantCulture));

        var wanted = context.Das().WkaMembersOf(context.Node)
            .Select(n => (Host: n.Host, Port: context.Spec.HazelcastPortOf(n).ToString(CultureInfo.InvariantCulture)))
            .ToList();
        var members = clustering.Element("members");
        if (members == null)
        {
            // The stock file always has <members>; put a new one before groupManagement like the stock order.
            var fragment = MembersFragment(wanted);
            var groupManagement = clustering.Element("groupManagement");
            members = groupManagement != null ? clustering.InsertBefore(groupManagement, fragment) : clustering.AppendElement(fragment);
            return;
        }
        if (CurrentMembers(members).SequenceEqual(wanted)) return;
        members.RemoveChildElements();
        foreach (var (host, port) in wanted)
        {
            members.AppendElement($"<member>\n    <hostName>{Escape(host)}</hostName>\n    <port>{port}</port>\n</member>");
        }
    }

    private static IEnumerable<(string Host, string Port)> CurrentMembers(XmlTextElement members) =>
        members.Elements("member").Select(m => ((m.Element("hostName")?.Text ?? "").Trim(), (m.Element("port")?.Text ?? "").Trim()));

    private static string MembersFragment(IEnumerable<(string Host, string Port)> wanted)
    {
        var sb = new StringBuilder("<members>\n");
        foreach (var (host, port) in wanted)
        {
            sb.Append("    <member>\n        <hostName>").Append(XmlTextEscaping.EscapeText(host)).Append("</hostName>\n");
            sb.Append("        <port>").Append(port).Append("</port>\n    </member>\n");
        }
        return sb.Append("</members>").ToString();
    }

    private static void SetParameter(XmlTextElement clustering, string name, string value)
    {
        var parameter = clustering.Element("parameter", "name", name);
        if (parameter != null)
        {
            parameter.SetText(value);
            return;
        }
        // Keep parameters together: after the last existing one.
        XmlTextElement? last = null;
        foreach (var p in clustering.Elements("parameter")) last = p;
        var fragment = $"<parameter name=\"{name}\">{XmlTextEscaping.EscapeText(value)}</parameter>";
        if (last != null) clustering.InsertAfter(last, fragment);
        else clustering.AppendElement(fragment);
    }
}
