using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Preflight;
using DasOps.Engine.Publishing;

namespace DasOps.Cli.Commands;

/// <summary>
/// `dasops validate SPEC`: every error at once, each at file:line:column. With --live, also the connectivity
/// pre-flight: from every node, whether each endpoint it needs (database, peers) accepts a connection.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var spec = SpecInput.Argument();
        var live = new Option<bool>("--live")
            { Description = "Also check from every node, over its SSH connection, that the database and its peers' ports answer." };
        var timeout = new Option<double>("--timeout")
            { Description = "Seconds to wait for each endpoint to answer (with --live).", DefaultValueFactory = _ => ConnectivityChecker.DefaultTimeout.TotalSeconds };
        var remote = new RemoteOptions();
        var command = new Command("validate", "Check a cluster spec without touching any node; with --live, also check connectivity from every node.") { spec, live, timeout };
        remote.AddTo(command);
        command.SetAction(result => RemoteOptions.Run(cancellationToken =>
        {
            var path = result.GetValue(spec)!;
            var loaded = SpecInput.Load(path, Console.Error);
            if (loaded == null) return ExitCodes.InvalidInput;
            Console.Out.WriteLine($"{path}: valid ({loaded.Product} {loaded.Pattern}, {loaded.Nodes.Count} nodes).");
            if (!result.GetValue(live)) return ExitCodes.Success;

            var seconds = result.GetValue(timeout);
            if (!(seconds > 0 && seconds <= 300))
                throw new InputException(InputErrorKind.ParameterInvalid, $"--timeout must be more than 0 and at most 300 seconds, got {seconds.ToString(CultureInfo.InvariantCulture)}.");
            var plan = ConnectivityEndpoints.For(loaded, NodeSelection.Resolve(loaded, result.GetValue(remote.Nodes)));
            using var connections = remote.Connect(result, loaded);
            var results = ConnectivityChecker.CheckAsync(plan, connections.ShellFor, TimeSpan.FromSeconds(seconds), SilentReporter.Instance, cancellationToken)
                .GetAwaiter().GetResult();
            Console.Out.WriteLine($"{"NODE",-12} {"PEER",-12} {"SERVICE",-10} {"ADDRESS",-21} {"RESULT",-11} {"MS",6}  DETAIL");
            foreach (var r in results)
                Console.Out.WriteLine($"{r.Node,-12} {r.Endpoint.Peer,-12} {r.Endpoint.Service,-10} {r.Endpoint.Address,-21} {Word(r.Outcome),-11} {r.Milliseconds,6}  {r.Detail}");
            foreach (var r in results.Where(r => !r.Reached)) Console.Error.WriteLine("error: " + r.Message);
            var failed = results.Count(r => !r.Reached);
            Console.Out.WriteLine(failed == 0
                ? $"connectivity: {results.Count} endpoint(s) reached from {plan.Count} node(s)."
                : $"connectivity: {failed} of {results.Count} endpoint(s) not reached.");
            return failed == 0 ? ExitCodes.Success : ExitCodes.Failed;
        }));
        return command;
    }

    private static string Word(ConnectivityOutcome outcome) => outcome switch
    {
        ConnectivityOutcome.Reached => "ok",
        ConnectivityOutcome.Unreachable => "unreachable",
        _ => "no-ssh",
    };
}
