using DasOps.Engine.Config.Yaml;

namespace DasOps.Engine.Products.Sp.Edits;

/// <summary>
/// Managers: <c>cluster.config</c> enabled with the RDBMS coordination strategy over SP_MGT_DB, so that exactly one of
/// them leads the resource pool. The stock manager has the section, disabled; heartbeat and polling values stay stock.
/// </summary>
public sealed class ManagerClusterEdit : ISpDeploymentEdit
{
    public const string RdbmsCoordinationStrategy = "org.wso2.carbon.cluster.coordinator.rdbms.RDBMSCoordinationStrategy";

    public bool AppliesTo(SpNodeSettings settings) => settings.IsManager;

    public void Apply(YamlTextDocument document, SpNodeSettings settings, string sourceName)
    {
        document.SetScalar("cluster.config/enabled", true);
        document.SetScalar("cluster.config/coordinationStrategyClass", RdbmsCoordinationStrategy);
        document.SetScalar("cluster.config/strategyConfig/datasource", MysqlDatasourcesEdit.ManagementDatasource);
    }
}
