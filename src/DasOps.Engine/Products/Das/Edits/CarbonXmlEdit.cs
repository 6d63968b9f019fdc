using System.Globalization;
using DasOps.Engine.Config;
using DasOps.Engine.Config.Xml;
using DasOps.Engine.Diagnostics;

namespace DasOps.Engine.Products.Das.Edits;

/// <summary>
/// repository/conf/carbon.xml: the node's port offset, and the SVN deployment synchronizer with AutoCommit on exactly
/// one receiver (seed 000 step 7, seed 002 step 5).
/// </summary>
public sealed class CarbonXmlEdit : XmlConfigEdit
{
    public override string Path => "repository/conf/carbon.xml";

    // The keystore and trust-store passwords are in carbon.xml whatever the spec says, and the SVN password with dep-sync.
    public override bool HoldsSecrets(RenderContext context) => true;

    protected override void Edit(XmlTextDocument document, RenderContext context)
    {
        var root = RequireRoot(document, "Server");
        var ports = Require(root.Element("Ports"), root, "<Ports> element");
        ports.SetChildText("Offset", context.Spec.PortOffsetOf(context.Node).ToString(CultureInfo.InvariantCulture));

        if (!(context.Spec.DepSync is { Enabled: true } dep)) return;
        var sync = Require(root.Element("DeploymentSynchronizer"), root, "<DeploymentSynchronizer> element");
        sync.SetChildText("Enabled", "true");
        sync.SetChildText("AutoCommit", context.Das().IsDepSyncCommitter(context.Node) ? "true" : "false");
        sync.SetChildText("AutoCheckout", "true");
        sync.SetChildText("RepositoryType", "svn");
        sync.SetChildText("SvnUrl", dep.SvnUrl);
        sync.SetChildText("SvnUser", dep.User);
        sync.SetChildText("SvnPassword", context.Secrets.SvnPassword
            ?? throw new InputException(InputErrorKind.SecretMissing, $"the SVN password ({dep.PasswordEnv}) is needed to write carbon.xml of node {context.Node.Name}."));
    }
}
