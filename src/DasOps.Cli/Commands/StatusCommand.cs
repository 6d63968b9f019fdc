using System;
using System.CommandLine;
using System.Linq;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Publishing;

namespace DasOps.Cli.Commands;

/// <summary>`dasops status SPEC`: one line per node with its process, role, CEP HA state and Spark master state.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var spec = SpecInput.Argument();
        var remote = new RemoteOptions();
        var command = new Command("status", "Show each node's process, role, HA state and Spark master state.") { spec };
        remote.AddTo(command);
        command.SetAction(result => RemoteOptions.Run(cancellationToken =>
        {
            var loaded = SpecInput.Load(result.GetValue(spec)!, Console.Error);
            if (loaded == null) return ExitCodes.InvalidInput;
            var nodes = NodeSelection.Resolve(loaded, result.GetValue(remote.Nodes));
            using var connections = remote.Connect(result, loaded);
            var statuses = ClusterStatusReader.ReadAsync(loaded, nodes, connections.ShellFor, cancellationToken).GetAwaiter().GetResult();
            Console.Out.WriteLine($"{"NODE",-12} {"HOST",-15} {"ROLES",-10} {"PROCESS",-15} {"PID",-7} {"READY",-5} {"CEP",-8} {"SPARK",-8} MEMBERS");
            foreach (var s in statuses)
                Console.Out.WriteLine($"{s.Node,-12} {s.Host,-15} {s.Roles,-10} {s.Process,-15} {(s.Pid?.ToString() ?? "-"),-7} {(s.Ready ? "yes" : "no"),-5} {s.Cep ?? "-",-8} {s.Spark ?? "-",-8} {(s.Members?.ToString() ?? "-")}/{s.ExpectedMembers}{(s.Detail.Length > 0 ? "  " + s.Detail : "")}");
            return statuses.Any(s => s.Process == "unreachable") ? ExitCodes.Failed : ExitCodes.Success;
        }));
        return command;
    }
}
