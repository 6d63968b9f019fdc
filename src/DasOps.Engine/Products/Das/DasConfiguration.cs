using System.Collections.Generic;
using DasOps.Engine.Config;
using DasOps.Engine.Products.Das.Edits;

namespace DasOps.Engine.Products.Das;

/// <summary>The managed files of a DAS 3.x / IS Analytics 5.x node, in the order the seeds walk through them.</summary>
public static class DasConfiguration
{
    public static IReadOnlyList<IConfigEdit> Edits { get; } = new IConfigEdit[]
    {
        new MasterDatasourcesEdit(),
        new AnalyticsDatasourcesEdit(),
        new AnalyticsConfigEdit(),
        new UserMgtEdit(),
        new RegistryEdit(),
        new Axis2ClusteringEdit(),
        new EventProcessorEdit(),
        new SparkDefaultsEdit(),
        new CarbonXmlEdit(),
        new Wso2ServerScriptEdit(),
        new LoadSparkEnvEdit(),
    };
}
