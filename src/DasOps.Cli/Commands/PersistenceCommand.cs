using System;
using System.CommandLine;
using System.Linq;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Publishing;

namespace DasOps.Cli.Commands;

/// <summary>
/// `dasops persistence clear SPEC [--node N] [--what-if]`: keeps the two newest CEP state snapshots of each execution
/// plan on every node and deletes the rest (seeds 002/003). One line per node; with --what-if, every file that would
/// go. Exit 0 when every node is fine, 1 when one failed, 2 on bad input.
/// </summary>
internal static class PersistenceCommand
{
    public static Command Create()
    {
        var spec = SpecInput.Argument();
        var whatIf = new Option<bool>("--what-if") { Description = "List the files that would be deleted; delete nothing." };
        var remote = new RemoteOptions();
        var clear = new Command("clear",
            $"Delete old CEP state snapshots under HOME/{PersistenceCleaner.DirectoryName}: keep the {PersistenceCleaner.KeepPerPlan} newest of each execution plan.")
            { spec, whatIf };
        remote.AddTo(clear, parallel: true);
        clear.SetAction(result => RemoteOptions.Run(cancellationToken =>
        {
            var loaded = SpecInput.Load(result.GetValue(spec)!, Console.Error);
            if (loaded == null) return ExitCodes.InvalidInput;
            var nodes = NodeSelection.Resolve(loaded, result.GetValue(remote.Nodes));
            using var connections = remote.Connect(result, loaded);
            var preview = result.GetValue(whatIf);
            var cleaner = new PersistenceCleaner(loaded, connections.ShellFor, new ConsoleProgress(nodes.Select(n => n.Name), preview))
            {
                Parallelism = result.GetValue(remote.Parallel),
            };
            var results = cleaner.ClearAsync(nodes, cancellationToken).GetAwaiter().GetResult();

            if (preview)
            {
                foreach (var file in results.Where(r => r.Status == PersistenceStatus.Skipped).SelectMany(r => r.Selected.Select(f => (r.Node, File: f))))
                    Console.Out.WriteLine($"what-if: {file.Node} would delete {file.File.Path} ({file.File.Size} bytes)");
                Console.Out.WriteLine("what-if: nothing was deleted.");
            }
            var failed = results.Count(r => r.Status == PersistenceStatus.Failed);
            Console.Out.WriteLine($"Persistence: {results.Sum(r => r.Deleted.Count)} file(s) deleted, {results.Sum(r => r.BytesFreed)} bytes freed, " +
                                  $"{results.Sum(r => r.Kept)} kept on {results.Count} node(s); {failed} failed.");
            foreach (var r in results.Where(r => r.Status == PersistenceStatus.Failed)) Console.Error.WriteLine("error: " + r.Error);
            return failed > 0 ? ExitCodes.Failed : ExitCodes.Success;
        }));
        return new Command("persistence", "CEP state persistence on the nodes.") { clear };
    }
}
