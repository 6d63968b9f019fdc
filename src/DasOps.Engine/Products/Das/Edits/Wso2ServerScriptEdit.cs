using System;
using DasOps.Engine.Config;
using DasOps.Engine.Config.Text;

namespace DasOps.Engine.Products.Das.Edits;

/// <summary>
/// bin/wso2server.sh: on RedHat nodes, export CARBON_HOME as the Spark symlink, which the OS may not resolve
/// (seed 000 step 4). The export goes right before the script's own "Only set CARBON_HOME if not already set",
/// so the script keeps it. Turning the flag off removes the block.
/// </summary>
public sealed class Wso2ServerScriptEdit : IConfigEdit
{
    public const string Anchor = "# Only set CARBON_HOME if not already set";

    public string Path => "bin/wso2server.sh";

    public bool AppliesTo(RenderContext context) => context.Das().IsDasNode(context.Node);

    public bool HoldsSecrets(RenderContext context) => false;

    public string Apply(string text, RenderContext context)
    {
        var link = context.Node.RedHat ? context.Spec.SparkSymlinkOf(context.Node) : null;
        var lines = link == null ? Array.Empty<string>() : new[] { "export CARBON_HOME=" + ShellScriptBlock.Quote(link) };
        return ShellScriptBlock.Apply(text, lines, Anchor);
    }
}
