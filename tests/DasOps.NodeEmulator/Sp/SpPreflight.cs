using System.Net;
using System.Net.NetworkInformation;

namespace DasOps.NodeEmulator.Sp;

/// <summary>
/// Configuration a distributed SP node cannot work with, refused before any port is bound. The real node starts and
/// then fails at run time (workers cannot reach a manager that advertises an address it does not serve, or one that
/// advertises "localhost"); the lab refuses at once, like the DAS emulator does for its run-time failures.
/// Loopback addresses other than 127.0.0.1 are accepted so that several nodes can share one test machine.
/// </summary>
internal static class SpPreflight
{
    public static void Run(SpConfig config)
    {
        if (config.DeploymentType != "distributed")
        {
            if (config.IsManager)
                throw new RefusalException(SpLoggers.JobManager,
                    $"deployment.config type is '{config.DeploymentType}' in {config.File}; a manager runs only in distributed mode");
            return; // a worker without distributed deployment.config runs on its own
        }
        var iface = config.HttpsInterface ?? throw new RefusalException(SpLoggers.JobManager,
            $"deployment.config has no httpsInterface in {config.File}");
        if (iface.Host is "localhost" or "127.0.0.1" or "0.0.0.0" or "")
            throw new RefusalException(SpLoggers.JobManager,
                $"{Role(config)} {config.Id} is unreachable at its httpsInterface {iface} ({config.File}): '{iface.Host}' cannot be reached from other nodes; set the node's own address");
        if (!IsLocalAddress(iface.Host))
            throw new RefusalException(SpLoggers.JobManager,
                $"{Role(config)} {config.Id} is unreachable at its httpsInterface {iface} ({config.File}): {iface.Host} is not an address of this host");
        if (iface.Port != config.HttpsPort || (config.HttpsHost != "0.0.0.0" && config.HttpsHost != iface.Host))
            throw new RefusalException(SpLoggers.JobManager,
                $"{Role(config)} {config.Id} is unreachable at its httpsInterface {iface} ({config.File}): the msf4j-https listener is {config.HttpsHost}:{config.HttpsPort}");
        if (!config.IsManager && config.ResourceManagers.Count == 0)
            throw new RefusalException(SpLoggers.HeartbeatSender,
                $"deployment.config of worker {config.Id} lists no resourceManagers in {config.File}");
    }

    private static string Role(SpConfig config) => config.IsManager ? "Manager node" : "Resource node";

    private static bool IsLocalAddress(string host)
    {
        if (!IPAddress.TryParse(host, out var ip))
            return false;
        if (IPAddress.IsLoopback(ip))
            return true; // the whole 127/8 answers on lo
        return NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Any(a => a.Address.Equals(ip));
    }
}
