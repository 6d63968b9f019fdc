using System;
using System.CommandLine;
using System.Diagnostics;
using System.Linq;
using DasOps.Engine.Publishing;
using DasOps.Engine.Secrets;

namespace DasOps.Cli.Commands;

/// <summary>
/// `dasops apply SPEC`: writes what differs on every node (atomically, with a backup), one line per node as it
/// finishes, then a summary. Exit 0 when every node is fine, 1 when one failed, 2 on bad input.
/// </summary>
internal static class ApplyCommand
{
    public static Command Create()
    {
        var spec = SpecInput.Argument();
        var plan = new Option<string?>("--plan") { Description = "Apply exactly this saved plan (dasops plan --out); refused if any node changed since." };
        var whatIf = new Option<bool>("--what-if") { Description = "Show what would change (with diffs) and change nothing." };
        var breakLock = new Option<bool>("--break-lock") { Description = "End the DasOps run holding a node's lock (a hung run) and take the lock." };
        var remote = new RemoteOptions();
        var command = new Command("apply", "Write the configuration to the nodes: only what differs, atomically, with a backup.") { spec, plan, whatIf, breakLock };
        remote.AddTo(command, parallel: true);
        command.SetAction(result => RemoteOptions.Run(cancellationToken =>
        {
            var loaded = SpecInput.Load(result.GetValue(spec)!, Console.Error);
            if (loaded == null) return ExitCodes.InvalidInput;
            var secrets = ClusterSecrets.Resolve(loaded, ClusterSecrets.NeededToRender(loaded));
            var options = remote.Publish(result);
            options.BreakLock = result.GetValue(breakLock);
            if (result.GetValue(plan) is { } planFile) options.SavedPlan = SavedPlan.Load(planFile);
            var nodes = ConfigurationPublisher.NodesFor(loaded, options);
            using var connections = remote.Connect(result, loaded);
            var reporter = new ConsoleProgress(nodes.Select(n => n.Name), result.GetValue(whatIf));
            var clock = Stopwatch.StartNew();
            var results = new ConfigurationPublisher(loaded, secrets, connections, reporter).ApplyAsync(options, cancellationToken).GetAwaiter().GetResult();

            if (result.GetValue(whatIf))
            {
                Console.Out.Write(PublishText.Plan(results, withDiffs: true));
                Console.Out.WriteLine("what-if: nothing was written.");
            }
            Console.Out.WriteLine(PublishText.Summary("Apply", results, clock.Elapsed));
            return results.Any(r => r.Status == PublishStatus.Failed) ? ExitCodes.Failed : ExitCodes.Success;
        }));
        return command;
    }
}
