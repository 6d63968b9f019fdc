using System;
using System.CommandLine;
using System.Diagnostics;
using System.Linq;
using DasOps.Engine.Publishing;

namespace DasOps.Cli.Commands;

/// <summary>
/// `dasops restore SPEC --node N [--backup ID]`: puts back a node's files from HOME/.dasops/backups/ID (default:
/// the newest), atomically; the files it replaces are backed up first, so a restore can itself be undone.
/// </summary>
internal static class RestoreCommand
{
    public static Command Create()
    {
        var spec = SpecInput.Argument();
        var backup = new Option<string?>("--backup") { Description = "Backup id (a UTC timestamp such as 20250131T235959.123Z); default: the newest." };
        var whatIf = new Option<bool>("--what-if") { Description = "Show which backup would be restored and change nothing." };
        var breakLock = new Option<bool>("--break-lock") { Description = "End the DasOps run holding a node's lock (a hung run) and take the lock." };
        var remote = new RemoteOptions();
        remote.Nodes.Description = "The node to restore; repeat for more. Required.";
        var command = new Command("restore", "Put back a node's previous configuration files from its backups.") { spec, backup, whatIf, breakLock };
        remote.AddTo(command, parallel: true);
        command.SetAction(result => RemoteOptions.Run(cancellationToken =>
        {
            var loaded = SpecInput.Load(result.GetValue(spec)!, Console.Error);
            if (loaded == null) return ExitCodes.InvalidInput;
            var options = remote.Publish(result);
            if (options.Nodes == null || options.Nodes.Count == 0)
            {
                Console.Error.WriteLine("error: name the node(s) to restore with --node NODE.");
                return ExitCodes.InvalidInput;
            }
            options.BackupId = result.GetValue(backup);
            options.BreakLock = result.GetValue(breakLock);
            var nodes = NodeSelection.Resolve(loaded, options.Nodes);
            using var connections = remote.Connect(result, loaded);
            var reporter = new ConsoleProgress(nodes.Select(n => n.Name), result.GetValue(whatIf));
            var clock = Stopwatch.StartNew();
            var results = new ConfigurationRestorer(loaded, connections, reporter).RestoreAsync(options, cancellationToken).GetAwaiter().GetResult();
            if (result.GetValue(whatIf))
            {
                foreach (var r in results.Where(r => r.Status == PublishStatus.Skipped))
                    Console.Out.WriteLine($"what-if: {r.Node} would be restored from backup {r.RestoredFrom} ({r.Files.Count} file(s)).");
            }
            Console.Out.WriteLine(PublishText.Summary("Restore", results, clock.Elapsed));
            return results.Any(r => r.Status == PublishStatus.Failed) ? ExitCodes.Failed : ExitCodes.Success;
        }));
        return command;
    }
}
