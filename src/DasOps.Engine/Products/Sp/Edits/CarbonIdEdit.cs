using DasOps.Engine.Config.Yaml;

namespace DasOps.Engine.Products.Sp.Edits;

/// <summary>
/// <c>wso2.carbon: id</c>: every stock runtime says <c>wso2-sp</c>, and the managers key resource nodes by it, so a second
/// node heartbeating with the same id from another address is REJECTED (ground truth §f).
/// </summary>
public sealed class CarbonIdEdit : ISpDeploymentEdit
{
    public bool AppliesTo(SpNodeSettings settings) => true;

    public void Apply(YamlTextDocument document, SpNodeSettings settings, string sourceName)
    {
        if (document.Find("wso2.carbon") == null)
            throw new YamlTextException(sourceName, 1, 1, "no 'wso2.carbon' section; is this an SP deployment.yaml?");
        document.SetScalar("wso2.carbon/id", settings.CarbonId);
    }
}
