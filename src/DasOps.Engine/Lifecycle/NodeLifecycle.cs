using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Products;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Lifecycle;

/// <summary>
/// Starts one node through the product's own start script (<see cref="IProductLauncher"/>; DAS: bin/wso2server.sh), run
/// as the runAs user (the home's owner by default, never root for a home root does not own), and stops it as that
/// script does, with SIGTERM to the pid file's process, but only once that process is checked to be this home's server
/// (a reused pid is never signalled). Waits for the outcome: a start is done when the product calls the node ready on
/// what it logged since this launch (<see cref="IProduct.IsReady"/>; DAS: "WSO2 Carbon started in", a live server and
/// the HTTPS port); a stop is done when the process is gone (SIGKILL after the timeout).
/// </summary>
public sealed class NodeLifecycle
{
    private readonly ClusterSpec _spec;
    private readonly NodeSpec _node;
    private readonly IRemoteShell _shell;
    private readonly IOperationReporter _reporter;
    private readonly IProduct _product;

    public NodeLifecycle(ClusterSpec spec, NodeSpec node, IRemoteShell shell, IOperationReporter reporter, IProduct? product = null)
    {
        _spec = spec;
        _node = node;
        _shell = shell;
        _reporter = reporter;
        _product = product ?? ProductCatalog.For(spec);
    }

    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a start keeps retrying while the script still sees the previous process.</summary>
    public TimeSpan LaunchBlockedTimeout { get; set; } = TimeSpan.FromSeconds(30);

    private const string AlreadyRunning = "Process is already running";

    private string Home => _spec.HomeOf(_node);

    private string Script => _product.Launcher.ScriptOf(_node);

    /// <summary>The script's file name, as messages name it (wso2server.sh).</summary>
    private string ScriptName => System.IO.Path.GetFileName(Script);

    private string PidFilePath => _product.Launcher.PidFileOf(_node);

    public Task<NodeRuntime> ProbeAsync(long offset, CancellationToken cancellationToken) =>
        NodeProbe.ReadAsync(_shell, _product, _node, Home, offset, _spec.SparkSymlinkOf(_node), cancellationToken);

    /// <summary>Process, ports and log size only: an offset past any log's end returns no log lines.</summary>
    private Task<NodeRuntime> ProbeProcessAsync(CancellationToken cancellationToken) => ProbeAsync(long.MaxValue / 2, cancellationToken);

    /// <summary>sh, the start script, then the product's arguments (DAS: the role's profile flag, the port offset) and the command.</summary>
    public IReadOnlyList<string> StartArguments(string command) =>
        new[] { "sh", Home + "/" + Script }.Concat(_product.Launcher.ArgumentsOf(_node, command)).ToList();

    public async Task<NodeActionResult> StartAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var before = await ProbeProcessAsync(cancellationToken).ConfigureAwait(false);
        if (before.Alive)
            return new NodeActionResult(_node.Name, NodeOutcome.AlreadyRunning, before.Pid, "already running; not restarted", clock.Elapsed);
        if (!_reporter.ShouldProcess(_node.Name, "start " + string.Join(" ", StartArguments("start").Skip(2))))
            return new NodeActionResult(_node.Name, NodeOutcome.Skipped, null, "not started (what-if)", clock.Elapsed);

        _reporter.NodeProgress(_node.Name, "starting", 10);
        // The script refuses with "Process is already running" while `ps -p` still sees the pid of the pid file:
        // a just-stopped server that is not yet reaped (a zombie), or a reused pid. Both pass; retry, bounded.
        var launchClock = Stopwatch.StartNew();
        while (true)
        {
            var launch = await _shell.RunAsync(LaunchCommand(), cancellationToken).ConfigureAwait(false);
            if (launch.Unreachable) throw new NodeUnreachableException(_node.Name, launch.StandardError.Trim());
            if (!launch.Succeeded)
                return new NodeActionResult(_node.Name, NodeOutcome.Failed, null, $"{ScriptName} start failed (exit {launch.ExitCode}): {launch.StandardError.Trim()}", clock.Elapsed);
            if (!launch.Output.Contains(AlreadyRunning)) break;
            if (launchClock.Elapsed > LaunchBlockedTimeout)
                return new NodeActionResult(_node.Name, NodeOutcome.Failed, before.Pid,
                    $"{ScriptName} keeps answering '{AlreadyRunning}' for pid {before.Pid}, which is not a live server (a zombie or a reused pid); check the process and remove {Home}/{PidFilePath} if it is stale", clock.Elapsed);
            _reporter.NodeProgress(_node.Name, $"waiting for the old process {before.Pid} to be reaped", 10);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }

        var https = _product.Launcher.HttpsPortOf(_node);
        var markers = _product.LogMarkers;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            var now = await ProbeAsync(before.LogSize, cancellationToken).ConfigureAwait(false);
            var startedLine = now.Lines.Any(l => markers.Started.IsMatch(l));
            if (_product.IsReady(_node, now))
                return new NodeActionResult(_node.Name, NodeOutcome.Started, now.Pid, $"ready in {clock.Elapsed.TotalSeconds:0.0} s (https {https})", clock.Elapsed);
            var booted = now.Lines.Any(l => l.Contains(markers.BootLine));
            if (booted && !now.Alive)
            {
                var errors = now.Lines.Where(l => markers.Error.IsMatch(l)).Select(Trim).Take(3).ToList();
                return new NodeActionResult(_node.Name, NodeOutcome.Failed, now.Pid,
                    "the node exited during start" + (errors.Count > 0 ? ": " + string.Join(" | ", errors) : " without logging an error"), clock.Elapsed);
            }
            if (clock.Elapsed > StartTimeout)
                return new NodeActionResult(_node.Name, NodeOutcome.Failed, now.Pid,
                    $"not ready after {StartTimeout.TotalSeconds:0} s (started line: {(startedLine ? "yes" : "no")}, process: {(now.Alive ? "alive" : "gone")}, https {https}: {(now.Listening.Contains(https) ? "listening" : "closed")})", clock.Elapsed);
            _reporter.NodeProgress(_node.Name, now.Alive ? "booting" : "launching", (int)Math.Min(90, 10 + 80 * clock.Elapsed.TotalSeconds / StartTimeout.TotalSeconds));
        }
    }

    public async Task<NodeActionResult> StopAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var before = await ProbeProcessAsync(cancellationToken).ConfigureAwait(false);
        if (!before.Alive) return new NodeActionResult(_node.Name, NodeOutcome.AlreadyStopped, null, "not running", clock.Elapsed);
        if (!_reporter.ShouldProcess(_node.Name, $"stop (pid {before.Pid})"))
            return new NodeActionResult(_node.Name, NodeOutcome.Skipped, before.Pid, "not stopped (what-if)", clock.Elapsed);

        _reporter.NodeProgress(_node.Name, "stopping", 10);
        var stop = await SignalAsync(before.Pid!.Value, "TERM", cancellationToken).ConfigureAwait(false);
        if (stop == SignalOutcome.NotServer)
            return new NodeActionResult(_node.Name, NodeOutcome.AlreadyStopped, null, $"not running (pid {before.Pid} is no longer this home's server; not signalled)", clock.Elapsed);
        while (clock.Elapsed < StopTimeout)
        {
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            var now = await ProbeProcessAsync(cancellationToken).ConfigureAwait(false);
            if (!now.Alive)
            {
                await RemoveStalePidFileAsync(before.Pid!.Value, cancellationToken).ConfigureAwait(false);
                return new NodeActionResult(_node.Name, NodeOutcome.Stopped, before.Pid, $"stopped in {clock.Elapsed.TotalSeconds:0.0} s", clock.Elapsed);
            }
        }
        _reporter.Warning($"{_node.Name}: pid {before.Pid} still running {StopTimeout.TotalSeconds:0} s after SIGTERM; sending SIGKILL.");
        await SignalAsync(before.Pid!.Value, "KILL", cancellationToken).ConfigureAwait(false);
        await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        var after = await ProbeProcessAsync(cancellationToken).ConfigureAwait(false);
        if (!after.Alive) await RemoveStalePidFileAsync(before.Pid!.Value, cancellationToken).ConfigureAwait(false);
        return after.Alive
            ? new NodeActionResult(_node.Name, NodeOutcome.Failed, before.Pid, "still running after SIGKILL", clock.Elapsed)
            : new NodeActionResult(_node.Name, NodeOutcome.Killed, before.Pid, $"did not stop in {StopTimeout.TotalSeconds:0} s; killed", clock.Elapsed);
    }

    /// <summary>sh HOME/SCRIPT ... start, as the runAs user (ServerScripts.Launch).</summary>
    private RemoteCommand LaunchCommand() =>
        RemoteCommand.Script(ServerScripts.Launch, new[] { Home, _spec.RunAsOf(_node) ?? "", PidFilePath }.Concat(StartArguments("start")),
            timeout: TimeSpan.FromSeconds(60), description: ScriptName + " start");

    private enum SignalOutcome { Signalled, NotServer }

    /// <summary>Signals the pid only if it is still this home's server (checked on the node, just before the kill).</summary>
    private async Task<SignalOutcome> SignalAsync(int pid, string signal, CancellationToken cancellationToken)
    {
        var result = await _shell.RunAsync(RemoteCommand.Script(ServerScripts.Signal, new[] { Home, pid.ToString(CultureInfo.InvariantCulture), signal },
            timeout: TimeSpan.FromSeconds(30), description: "SIG" + signal + " to the server"), cancellationToken).ConfigureAwait(false);
        if (result.Unreachable) throw new NodeUnreachableException(_node.Name, result.StandardError.Trim());
        if (result.Output.Contains("NOT-SERVER")) return SignalOutcome.NotServer;
        if (!result.Succeeded) throw new LifecycleException(_node.Name, $"SIG{signal} to pid {pid} failed (exit {result.ExitCode}): {result.StandardError.Trim()}");
        return SignalOutcome.Signalled;
    }

    /// <summary>
    /// The product never deletes its pid file (DAS: wso2carbon.pid), so after a stop it names a dead process: status would read "stale
    /// pid file" (the sign of a crash) and a later start can be refused with "Process is already running" once the
    /// pid is reused. The node was stopped here, so the file goes, but only while it still names the stopped pid and
    /// that pid is not alive (a start that raced in keeps its file). Best effort: a failure only leaves the file.
    /// </summary>
    private async Task RemoveStalePidFileAsync(int pid, CancellationToken cancellationToken)
    {
        const string script =
            "f=\"$1/$3\"; [ -f \"$f\" ] || exit 0; " +
            "p=$(tr -d '\\000' < \"$f\" | head -n 1 | tr -cd '0-9'); [ \"$p\" = \"$2\" ] || exit 0; " +
            "if [ -r \"/proc/$p/stat\" ]; then s=$(sed 's/^.*) //' \"/proc/$p/stat\" | cut -d' ' -f1); case \"$s\" in Z|X) ;; *) exit 0;; esac; fi; " +
            "rm -f -- \"$f\"";
        var result = await _shell.RunAsync(RemoteCommand.Script(script, new[] { Home, pid.ToString(CultureInfo.InvariantCulture), PidFilePath }, description: "remove the stale pid file"), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded) _reporter.Verbose($"{_node.Name}: the stale {PidFilePath} was left: {result.StandardError.Trim()}");
    }

    private static string Trim(string line)
    {
        var dash = line.IndexOf("} -  ", StringComparison.Ordinal);
        var message = dash > 0 ? line.Substring(dash + 5) : line;
        var tail = message.LastIndexOf(" {", StringComparison.Ordinal);
        return tail > 0 ? message.Substring(0, tail) : message;
    }
}
