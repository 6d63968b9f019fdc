using System;
using System.CommandLine;
using System.Linq;
using DasOps.Engine.Publishing;
using DasOps.Engine.Secrets;

namespace DasOps.Cli.Commands;

/// <summary>
/// `dasops plan SPEC`: reads the live nodes and prints what apply would change, with masked diffs.
/// Exit 0: every node matches; 3 (drift): some differ; 1: a node failed; 2: bad input. `--out FILE` saves the plan
/// for `apply --plan FILE`.
/// </summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var spec = SpecInput.Argument();
        var output = new Option<string?>("--out") { Description = "Save the plan (hashes only, no contents or secrets; mode 0600) for apply --plan." };
        var noDiff = new Option<bool>("--no-diff") { Description = "Print the per-file summary only." };
        var remote = new RemoteOptions();
        var command = new Command("plan", "Show what apply would change on the live nodes; exit 3 when they drift from the spec.") { spec, output, noDiff };
        remote.AddTo(command, parallel: true);
        command.SetAction(result => RemoteOptions.Run(cancellationToken =>
        {
            var loaded = SpecInput.Load(result.GetValue(spec)!, Console.Error);
            if (loaded == null) return ExitCodes.InvalidInput;
            var secrets = ClusterSecrets.Resolve(loaded, ClusterSecrets.NeededToRender(loaded));
            var options = remote.Publish(result);
            var nodes = NodeSelection.Resolve(loaded, options.Nodes);
            using var connections = remote.Connect(result, loaded);
            var reporter = new ConsoleProgress(nodes.Select(n => n.Name), whatIf: true, quiet: true);
            var results = new ConfigurationPublisher(loaded, secrets, connections, reporter).PlanAsync(options, cancellationToken).GetAwaiter().GetResult();

            Console.Out.Write(PublishText.Plan(results, withDiffs: !result.GetValue(noDiff)));
            var failed = results.Any(r => r.Status == PublishStatus.Failed);
            if (result.GetValue(output) is { } file)
            {
                if (failed)
                {
                    Console.Error.WriteLine($"error: {file} was not written: a saved plan must cover every node it names.");
                    return ExitCodes.Failed;
                }
                SavedPlan.From(loaded, results).Save(file);
                Console.Error.WriteLine($"wrote {file}: apply it with `dasops apply {result.GetValue(spec)} --plan {file}`.");
            }
            return failed ? ExitCodes.Failed : results.Any(r => r.Differs) ? ExitCodes.Drift : ExitCodes.Success;
        }));
        return command;
    }
}
