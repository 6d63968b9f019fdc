using DasOps.Engine.Config.Yaml;

namespace DasOps.Engine.Products.Sp.Edits;

/// <summary>
/// Managers: the messaging layer in <c>deployment.config</c>. Kafka sets the stock <c>bootstrapURLs</c> and
/// <c>zooKeeperConfig/zooKeeperURLs</c> in place. NATS removes those two and writes <c>appCreatorClass</c>
/// (NatsSiddhiAppCreator; the bean's default is the Kafka one), <c>natsServerUrl</c> and <c>clusterId</c>, the
/// DeploymentConfig fields NatsSiddhiAppCreator reads. Switching back removes the NATS keys again.
/// </summary>
public sealed class ManagerMessagingEdit : ISpDeploymentEdit
{
    public const string NatsAppCreator = "org.wso2.carbon.sp.jobmanager.core.appcreator.NatsSiddhiAppCreator";

    public bool AppliesTo(SpNodeSettings settings) => settings.IsManager;

    public void Apply(YamlTextDocument document, SpNodeSettings settings, string sourceName)
    {
        switch (settings.Messaging)
        {
            case SpKafkaMessaging kafka:
                foreach (var key in new[] { "appCreatorClass", "natsServerUrl", "clusterId" })
                    document.Remove("deployment.config/" + key);
                document.SetScalar("deployment.config/bootstrapURLs", string.Join(",", kafka.BootstrapServers));
                document.Merge("deployment.config/zooKeeperConfig", new YamlMap { { "zooKeeperURLs", string.Join(",", kafka.ZooKeeperServers) } });
                document.Remove("deployment.config/zooKeeperURLs");    // the deprecated flat key; zooKeeperConfig wins
                break;
            case SpNatsMessaging nats:
                foreach (var key in new[] { "bootstrapURLs", "zooKeeperConfig", "zooKeeperURLs" })
                    document.Remove("deployment.config/" + key);
                document.Merge("deployment.config", new YamlMap
                {
                    { "appCreatorClass", NatsAppCreator },
                    { "natsServerUrl", nats.ServerUrl },
                    { "clusterId", nats.ClusterId },
                });
                break;
        }
    }
}
