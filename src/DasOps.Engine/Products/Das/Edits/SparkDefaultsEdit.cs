using System.Globalization;
using DasOps.Engine.Config;
using DasOps.Engine.Config.Text;

namespace DasOps.Engine.Products.Das.Edits;

/// <summary>
/// repository/conf/analytics/spark/spark-defaults.conf on Spark nodes: master, master count (2 for one ALIVE and one
/// STANDBY) and the symbolic link to the product home (seed 002 step 4, seed 003 step 4).
/// </summary>
public sealed class SparkDefaultsEdit : IConfigEdit
{
    public string Path => "repository/conf/analytics/spark/spark-defaults.conf";

    public bool AppliesTo(RenderContext context) => context.Das().RunsSpark(context.Node);

    public bool HoldsSecrets(RenderContext context) => false;

    public string Apply(string text, RenderContext context)
    {
        var file = new PropertiesFile(text);
        file.Set("carbon.spark.master", context.Spec.Spark.Master);
        file.Set("carbon.spark.master.count", context.Spec.Spark.MasterCount.ToString(CultureInfo.InvariantCulture));
        var link = context.Spec.SparkSymlinkOf(context.Node);
        if (link != null) file.Set("carbon.das.symbolic.link", link);
        else file.Unset("carbon.das.symbolic.link");
        return file.ToString();
    }
}
