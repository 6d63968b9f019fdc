using DasOps.Engine.Config.Yaml;

namespace DasOps.Engine.Products.Sp.Edits;

/// <summary>
/// Managers: <c>deployment.config</c> distributed, advertising the node's own address (stock says localhost, which a
/// worker cannot reach and which makes the managers refuse it), the resource-pool heartbeat, SP_MGT_DB and
/// minResourceCount. The stock manager has the section uncommented; keys are set in place, their comments kept.
/// </summary>
public sealed class ManagerDeploymentEdit : ISpDeploymentEdit
{
    public bool AppliesTo(SpNodeSettings settings) => settings.IsManager;

    public void Apply(YamlTextDocument document, SpNodeSettings settings, string sourceName)
    {
        document.Merge("deployment.config", new YamlMap
        {
            { "type", "distributed" },
            { "httpsInterface", new YamlMap { { "host", settings.HttpsInterface.Host }, { "port", settings.HttpsInterface.Port } } },
            { "heartbeatInterval", settings.HeartbeatIntervalMs },
            { "heartbeatMaxRetry", settings.HeartbeatMaxRetry },
            { "datasource", MysqlDatasourcesEdit.ManagementDatasource },
            { "minResourceCount", settings.MinResourceCount },
        });
    }
}
