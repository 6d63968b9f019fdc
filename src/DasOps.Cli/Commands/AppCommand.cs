using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Products.Sp;

namespace DasOps.Cli.Commands;

/// <summary>`dasops app deploy SPEC FILE... [--what-if]` and `dasops app list SPEC`: distributed Siddhi apps on a Stream Processor cluster.</summary>
internal static class AppCommand
{
    public static Command Create()
    {
        var command = new Command("app", "Deploy and list distributed Siddhi apps on a Stream Processor cluster.");
        command.Subcommands.Add(Deploy());
        command.Subcommands.Add(List());
        return command;
    }

    private static Command Deploy()
    {
        var spec = SpecInput.Argument();
        var files = new Argument<string[]>("file") { Description = "Siddhi app files (.siddhi).", Arity = ArgumentArity.OneOrMore };
        var whatIf = new Option<bool>("--what-if") { Description = "Show each app's execution groups and what would be done; deploy nothing." };
        var remote = new RemoteOptions();
        var command = new Command("deploy", "Deploy apps to the active manager; the same app again changes nothing.") { spec, files, whatIf };
        remote.AddTo(command, nodes: false);
        command.SetAction(result => RemoteOptions.Run(cancellationToken =>
        {
            var loaded = SpecInput.Load(result.GetValue(spec)!, Console.Error);
            if (loaded == null) return ExitCodes.InvalidInput;
            var texts = new List<(string, string)>();
            foreach (var file in result.GetValue(files)!)
            {
                if (!File.Exists(file)) throw new InputException(InputErrorKind.FileNotFound, $"{file}: no such Siddhi app file.", file);
                texts.Add((file, File.ReadAllText(file)));
            }
            using var connections = remote.Connect(result, loaded);
            var publisher = new SiddhiAppPublisher(loaded, connections.ShellFor, new ConsoleProgress(new string[0], result.GetValue(whatIf))) { WhatIf = result.GetValue(whatIf) };
            var deployments = publisher.DeployAsync(texts, cancellationToken).GetAwaiter().GetResult();
            foreach (var d in deployments)
            {
                Console.Out.WriteLine($"{d.App}: {Describe(d.Action)} through {d.Manager} ({d.Status}) from {d.File}");
                foreach (var g in d.Groups)
                    Console.Out.WriteLine($"  {g.Name,-20} parallel {g.Parallel,-3} {(g.Workers.Count > 0 ? "on " + string.Join(", ", g.Workers) : "")}");
            }
            return deployments.All(d => d.Status != "not listed") ? ExitCodes.Success : ExitCodes.Failed;
        }));
        return command;
    }

    private static Command List()
    {
        var spec = SpecInput.Argument();
        var remote = new RemoteOptions();
        var command = new Command("list", "List the apps the active manager has, their state and where each group runs.") { spec };
        remote.AddTo(command, nodes: false);
        command.SetAction(result => RemoteOptions.Run(cancellationToken =>
        {
            var loaded = SpecInput.Load(result.GetValue(spec)!, Console.Error);
            if (loaded == null) return ExitCodes.InvalidInput;
            using var connections = remote.Connect(result, loaded);
            foreach (var app in new SiddhiAppPublisher(loaded, connections.ShellFor).ListAsync(cancellationToken).GetAwaiter().GetResult())
            {
                Console.Out.WriteLine($"{app.Name}: {app.Status}");
                foreach (var g in app.Groups) Console.Out.WriteLine($"  {g.Name,-20} parallel {g.Parallel,-3} on {string.Join(", ", g.Workers)}");
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Describe(SiddhiAppAction action) => action switch
    {
        SiddhiAppAction.Deployed => "deployed",
        SiddhiAppAction.Replaced => "replaced (the text changed)",
        SiddhiAppAction.Unchanged => "unchanged",
        SiddhiAppAction.WouldDeploy => "would be deployed",
        _ => "would be replaced (the text changed)",
    };
}
