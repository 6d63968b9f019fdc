using System;
using DasOps.Engine.Config;
using DasOps.Engine.Config.Text;

namespace DasOps.Engine.Products.Das.Edits;

/// <summary>bin/load-spark-env-vars.sh: SPARK_LOCAL_IP for hosts with several interfaces, when the spec sets it (seed 003 step 6).</summary>
public sealed class LoadSparkEnvEdit : IConfigEdit
{
    public string Path => "bin/load-spark-env-vars.sh";

    public bool AppliesTo(RenderContext context) => context.Das().IsDasNode(context.Node);

    public bool HoldsSecrets(RenderContext context) => false;

    public string Apply(string text, RenderContext context)
    {
        var ip = context.Node.SparkLocalIp;
        var lines = ip == null ? Array.Empty<string>() : new[] { "export SPARK_LOCAL_IP=" + ShellScriptBlock.Quote(ip) };
        return ShellScriptBlock.Apply(text, lines, insertBefore: null);
    }
}
