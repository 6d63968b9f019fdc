using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Publishing;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Cli.Commands;

/// <summary>`dasops start|stop|restart SPEC [--node N]`: one line per node; already-running nodes are left alone.</summary>
internal static class LifecycleCommands
{
    public static Command Start() => Create("start", "Start nodes with their role's profile and offset, in cluster order, and wait until each is ready.",
        (l, n, c) => l.StartAsync(n, c));

    public static Command Stop() => Create("stop", "Stop nodes and wait for each process to end (SIGKILL after the timeout).",
        (l, n, c) => l.StopAsync(n, c));

    public static Command Restart() => Create("restart", "Stop, then start, nodes.", (l, n, c) => l.RestartAsync(n, c));

    private static Command Create(string name, string description, Func<ClusterLifecycle, IEnumerable<NodeSpec>, CancellationToken, Task<IReadOnlyList<NodeActionResult>>> action)
    {
        var spec = SpecInput.Argument();
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for a node to become ready (start) or to exit (stop).", DefaultValueFactory = _ => name == "stop" ? 60 : 300 };
        var whatIf = new Option<bool>("--what-if") { Description = "Say what would be done; change nothing." };
        var remote = new RemoteOptions();
        var command = new Command(name, description) { spec, timeout, whatIf };
        remote.AddTo(command);
        command.SetAction(result => RemoteOptions.Run(cancellationToken =>
        {
            var loaded = SpecInput.Load(result.GetValue(spec)!, Console.Error);
            if (loaded == null) return ExitCodes.InvalidInput;
            var nodes = NodeSelection.Resolve(loaded, result.GetValue(remote.Nodes));
            using var connections = remote.Connect(result, loaded);
            var seconds = TimeSpan.FromSeconds(result.GetValue(timeout));
            var lifecycle = new ClusterLifecycle(loaded, connections.ShellFor,
                new ConsoleProgress(nodes.Select(n => n.Name), whatIf: result.GetValue(whatIf))) { StartTimeout = seconds, StopTimeout = seconds };
            var results = action(lifecycle, nodes, cancellationToken).GetAwaiter().GetResult();
            foreach (var r in results)
                Console.Out.WriteLine($"{r.Node,-12} {r.Outcome,-15} {(r.Pid?.ToString() ?? "-"),-7} {r.Duration.TotalSeconds,6:0.0}s  {r.Detail}");
            return results.All(r => r.Succeeded) ? ExitCodes.Success : ExitCodes.Failed;
        }));
        return command;
    }
}
