using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Products;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Lifecycle;

/// <summary>Reads a node's runtime state in one round trip with a fixed script; values reach it only as arguments.</summary>
public static class NodeProbe
{
    // $1 home, $2 log byte offset, $3 symlink path or empty, $4 grep pattern of the lines to return, $5 and $6 the log
    // and pid file relative to the home (the product's). "alive" means the pid file's process is this home's server
    // (ServerScripts.IsServerFunction): a reused pid is never counted.
    private const string Script = @"home=$1; offset=$2; link=$3; pattern=$4; server_home=$1
" + ServerScripts.IsServerFunction + @"
log=""$home/$5""
pidfile=""$home/$6""
pid=''
[ -f ""$pidfile"" ] && pid=$(tr -d '\000' < ""$pidfile"" | head -n 1 | tr -cd '0-9')
echo '@@pid'; echo ""$pid""
echo '@@alive'
if is_server ""$pid""; then echo yes; else echo no; fi
echo '@@logsize'
if [ -f ""$log"" ]; then wc -c < ""$log""; else echo 0; fi
echo '@@log'
[ -f ""$log"" ] && tail -c +""$((offset + 1))"" ""$log"" | grep -E -e ""$pattern"" | tail -n 2000
echo '@@listen'
cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '$4 == ""0A"" { print $2 }'
echo '@@link'
[ -n ""$link"" ] && readlink -e -- ""$link""
echo '@@home'
readlink -f -- ""$home""
echo '@@end'";

    /// <summary>Probes <paramref name="node"/> at <paramref name="home"/>, with the product's log, pid file and log lines.</summary>
    public static async Task<NodeRuntime> ReadAsync(IRemoteShell shell, IProduct product, NodeSpec node, string home, long logOffset, string? symlink,
        CancellationToken cancellationToken)
    {
        var command = RemoteCommand.Script(Script,
            new[]
            {
                home, logOffset.ToString(System.Globalization.CultureInfo.InvariantCulture), symlink ?? "", product.LogMarkers.GrepPattern,
                product.Launcher.LogFileOf(node), product.Launcher.PidFileOf(node),
            },
            timeout: System.TimeSpan.FromSeconds(30), description: "probe");
        var result = await shell.RunAsync(command, cancellationToken).ConfigureAwait(false);
        if (result.Unreachable) throw new NodeUnreachableException(shell.Node, result.StandardError.Trim());
        if (!result.Succeeded && !result.Output.Contains("@@end"))
            throw new LifecycleException(shell.Node, $"probe failed (exit {result.ExitCode}): {result.StandardError.Trim()}");
        return NodeRuntime.Parse(result.Output);
    }
}

public class LifecycleException : System.Exception
{
    public LifecycleException(string node, string message) : base($"{node}: {message}") => Node = node;

    public string Node { get; }
}

public sealed class NodeUnreachableException : LifecycleException
{
    public NodeUnreachableException(string node, string detail) : base(node, "unreachable over SSH: " + detail) { }
}
