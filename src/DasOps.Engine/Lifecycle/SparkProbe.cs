using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Remote;

namespace DasOps.Engine.Lifecycle;

/// <summary>
/// A Spark master's web UI JSON (http://host:8081+offset/json/), fetched on the node itself so it works behind a
/// bastion: curl, else wget, else bash's /dev/tcp. "status" is ALIVE, STANDBY, RECOVERING or COMPLETING_RECOVERY.
/// </summary>
public static class SparkProbe
{
    private const string Script = @"host=$1; port=$2
if command -v curl >/dev/null 2>&1; then curl -fsS --max-time 3 ""http://$host:$port/json/""
elif command -v wget >/dev/null 2>&1; then wget -q -T 3 -O - ""http://$host:$port/json/""
else bash -c 'exec 3<>""/dev/tcp/$0/$1"" || exit 7; printf ""GET /json/ HTTP/1.0\r\nHost: %s\r\n\r\n"" ""$0"" >&3; sed ""1,/^\r*$/d"" <&3' ""$host"" ""$port""
fi";

    private static readonly Regex Status = new Regex("\"status\"\\s*:\\s*\"(?<status>[A-Z_]+)\"");
    private static readonly Regex AliveWorker = new Regex("\"state\"\\s*:\\s*\"ALIVE\"");

    /// <summary>The status of a node's own Spark master UI (SPARK_LOCAL_IP or its host, 8081 + offset), or null when none answers.</summary>
    public static async Task<string?> ReadNodeAsync(Spec.ClusterSpec spec, Spec.NodeSpec node, IRemoteShell shell, CancellationToken cancellationToken) =>
        (await ReadAsync(shell, ClusterStatusReader.SparkHostOf(spec, node), NodePorts.SparkUiOf(spec, node), cancellationToken).ConfigureAwait(false))?.Status;

    /// <summary>The master's status and ALIVE worker count, or null when no master answers there.</summary>
    public static async Task<(string Status, int AliveWorkers)?> ReadAsync(IRemoteShell shell, string host, int port, CancellationToken cancellationToken)
    {
        var result = await shell.RunAsync(RemoteCommand.Script(Script, new[] { host, port.ToString(CultureInfo.InvariantCulture) },
            timeout: System.TimeSpan.FromSeconds(10), description: "spark master json"), cancellationToken).ConfigureAwait(false);
        if (result.Unreachable) throw new NodeUnreachableException(shell.Node, result.StandardError.Trim());
        if (!result.Succeeded) return null;
        var m = Status.Match(result.Output);
        return m.Success ? (m.Groups["status"].Value, AliveWorker.Matches(result.Output).Count) : ((string, int)?)null;
    }
}
