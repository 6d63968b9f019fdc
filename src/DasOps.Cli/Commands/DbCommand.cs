using System;
using System.CommandLine;
using System.Linq;
using DasOps.Engine.Database;
using DasOps.Engine.Secrets;

namespace DasOps.Cli.Commands;

/// <summary>`dasops db init SPEC`: databases, user, grants and the carbon schema, each only when missing.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var spec = SpecInput.Argument();
        var local = new Option<bool>("--local") { Description = "Connect from this machine instead of through a node (needs --scripts, the dbscripts directory here)." };
        var scripts = new Option<string?>("--scripts") { Description = "The product's dbscripts directory on the node (or here with --local); default <home>/dbscripts." };
        var whatIf = new Option<bool>("--what-if") { Description = "Read the server and print the SQL that would run, passwords masked; change nothing." };
        var remote = new RemoteOptions();
        var init = new Command("init", "Create the cluster's databases, user, grants and carbon schema where they are missing.") { spec, local, scripts, whatIf };
        remote.Nodes.Description = "The node the connection goes through (it holds the product's dbscripts; the server sees its address); the first node by default.";
        remote.AddTo(init);
        init.SetAction(result => RemoteOptions.Run(cancellationToken =>
        {
            var loaded = SpecInput.Load(result.GetValue(spec)!, Console.Error);
            if (loaded == null) return ExitCodes.InvalidInput;
            var secrets = ClusterSecrets.Resolve(loaded, SecretNeeds.DatabasePassword | SecretNeeds.DatabaseAdminPassword);
            using var connections = result.GetValue(local) ? null : remote.Connect(result, loaded);
            var node = result.GetValue(remote.Nodes)?.FirstOrDefault();
            var (shell, directory) = DatabaseTarget.Choose(loaded, connections, node, result.GetValue(local), result.GetValue(scripts));
            var initializer = new DatabaseInitializer(loaded, secrets, shell, directory, new ConsoleProgress(new[] { shell.Node }, whatIf: result.GetValue(whatIf), quiet: true))
            {
                WhatIf = result.GetValue(whatIf),
            };
            DatabaseInitResult outcome;
            try
            {
                outcome = initializer.RunAsync(cancellationToken).GetAwaiter().GetResult();
            }
            catch (DatabaseException e)
            {
                Console.Error.WriteLine("error: " + e.Message + (e.AccessDenied ? " Nothing was created." : ""));
                return ExitCodes.Failed;
            }
            Console.Out.WriteLine($"{outcome.Server}, through {outcome.RanOn}, carbon script {outcome.Script ?? "-"}");
            foreach (var d in outcome.Databases)
                Console.Out.WriteLine($"  database {d.Name,-40} {d.Database,-11} charset {d.CharacterSet ?? "-",-8} schema {(d.Schema?.ToString() ?? "n/a"),-11} tables {d.Tables}{(d.Detail.Length > 0 ? "  " + d.Detail : "")}");
            foreach (var a in outcome.Accounts)
                Console.Out.WriteLine($"  account  {a.Account,-40} user {a.User,-11} grants {a.Grants}{(a.Detail.Length > 0 ? "  (" + a.Detail + ")" : "")}");
            if (result.GetValue(whatIf))
            {
                Console.Out.WriteLine(outcome.MaskedSql.Count == 0 ? "what-if: nothing to do" : "what-if: would run");
                foreach (var sql in outcome.MaskedSql) Console.Out.WriteLine("  " + sql);
            }
            else Console.Out.WriteLine(outcome.Changed ? "db init: changed" : "db init: unchanged");
            return outcome.Succeeded ? ExitCodes.Success : ExitCodes.Failed;
        }));
        return new Command("db", "Database operations.") { init };
    }
}
