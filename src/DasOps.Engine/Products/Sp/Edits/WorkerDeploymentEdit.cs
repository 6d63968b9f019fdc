using System.Collections.Generic;
using System.Linq;
using DasOps.Engine.Config.Yaml;

namespace DasOps.Engine.Products.Sp.Edits;

/// <summary>
/// Workers and receiver workers: <c>deployment.config</c> distributed, with the node's own <c>httpsInterface</c>, the
/// <c>resourceManagers</c> it heartbeats to and <c>isReceiverNode</c>. The stock worker has no such section, only a
/// commented-out sample; the sample stays as it is and the real section is written right after it, in the sample's
/// key order and layout, so an operator finds both together. A second render sets the same keys in place.
/// </summary>
public sealed class WorkerDeploymentEdit : ISpDeploymentEdit
{
    /// <summary>The stock worker's comment heading its commented-out distributed sample.</summary>
    public const string SampleHeading = "# Sample of deployment.config for Distributed deployment";

    public bool AppliesTo(SpNodeSettings settings) => !settings.IsManager;

    public void Apply(YamlTextDocument document, SpNodeSettings settings, string sourceName)
    {
        var existing = document.Find("deployment.config/type");
        if (existing != null && document.ValueOf("deployment.config/type") != "distributed")
            throw new YamlTextException(sourceName, existing.Line + 1, existing.Column + 1,
                $"deployment.config is type '{document.ValueOf("deployment.config/type")}'; a {settings.Role} of the distributed pattern needs 'distributed'. Remove the other deployment.config first.");

        var credentials = settings.ManagerApiCredentials;
        YamlMap Endpoint(SpEndpoint endpoint)
        {
            var map = new YamlMap { { "host", endpoint.Host }, { "port", endpoint.Port } };
            if (credentials != null)
            {
                map.Add("username", credentials.Username);
                map.Add("password", credentials.PasswordReference);
            }
            return map;
        }

        if (credentials == null)
        {
            document.Remove("deployment.config/httpsInterface/username");    // credentials given before and now taken away
            document.Remove("deployment.config/httpsInterface/password");
        }
        document.MergeAfterComment("deployment.config", new YamlMap
        {
            { "type", "distributed" },
            { "isReceiverNode", settings.IsReceiverNode },
            { "httpsInterface", Endpoint(settings.HttpsInterface) },
            { "resourceManagers", settings.ResourceManagers.Select(m => (object)Endpoint(m)).ToList() },
        }, SampleHeading);
    }
}
