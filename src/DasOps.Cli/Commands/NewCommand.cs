using System.Collections.Generic;
using DasOps.Engine.Diagnostics;
using System;
using System.CommandLine;
using System.IO;
using DasOps.Engine.IO;
using DasOps.Engine.Spec;

namespace DasOps.Cli.Commands;

/// <summary>`dasops new`: scaffolds a spec from the same parameters New-DasCluster takes.</summary>
internal static class NewCommand
{
    public static Command Create()
    {
        var product = new Option<Product>("--product") { Description = "Das, IsAnalytics or StreamProcessor.", DefaultValueFactory = _ => Product.Das };
        var pattern = new Option<Pattern>("--pattern") { Description = "MinimumHa (2 nodes) or FullyDistributed; Distributed for StreamProcessor.", DefaultValueFactory = _ => Pattern.MinimumHa };
        var name = new Option<string>("--name") { Description = "Cluster name.", DefaultValueFactory = _ => "das" };
        var nodes = new Option<string[]>("--node") { Description = "NAME=HOST[:ROLE,...]; repeat for each node.", AllowMultipleArgumentsPerToken = false, Required = true };
        var database = new Option<string?>("--database") { Description = "HOST[:PORT] of the MySQL/MariaDB server." };
        var home = new Option<string?>("--home") { Description = "Product home on every node." };
        var sshUser = new Option<string?>("--ssh-user") { Description = "SSH user on every node." };
        var kafka = new Option<string[]>("--kafka") { Description = "StreamProcessor: HOST[:PORT] of a Kafka broker; repeat for each." };
        var zooKeeper = new Option<string[]>("--zookeeper") { Description = "StreamProcessor: HOST[:PORT] of a ZooKeeper server; repeat for each." };
        var nats = new Option<string[]>("--nats") { Description = "StreamProcessor: nats://HOST[:PORT] of a NATS server (instead of Kafka); repeat for each." };
        var minResourceCount = new Option<int?>("--min-resource-count") { Description = "StreamProcessor: workers the leader waits for before it deploys an app (default 1)." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the spec to FILE instead of standard output." };
        var force = new Option<bool>("--force") { Description = "Overwrite FILE if it exists." };

        var command = new Command("new", "Scaffold a cluster spec.") { product, pattern, name, nodes, database, home, sshUser, kafka, zooKeeper, nats, minResourceCount, output, force };
        command.SetAction(result =>
        {
            ClusterSpec spec;
            IReadOnlyList<SpecError> errors;
            try
            {
                spec = ClusterScaffold.CreateValidated(new ScaffoldOptions
                {
                    Product = result.GetValue(product),
                    Pattern = result.GetValue(pattern),
                    Name = result.GetValue(name)!,
                    Nodes = result.GetValue(nodes)!,
                    Database = result.GetValue(database),
                    Home = result.GetValue(home),
                    SshUser = result.GetValue(sshUser),
                    Kafka = result.GetValue(kafka) ?? Array.Empty<string>(),
                    ZooKeeper = result.GetValue(zooKeeper) ?? Array.Empty<string>(),
                    Nats = result.GetValue(nats) ?? Array.Empty<string>(),
                    MinResourceCount = result.GetValue(minResourceCount),
                }, out errors);
            }
            catch (InputException e)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return ExitCodes.InvalidInput;
            }
            foreach (var e in errors) Console.Error.WriteLine(e.ToString());
            if (errors.Count > 0)
            {
                Console.Error.WriteLine($"{errors.Count} error(s); no spec was written.");
                return ExitCodes.InvalidInput;
            }
            var yaml = SpecWriter.ToYaml(spec);
            var file = result.GetValue(output);
            if (file == null)
            {
                Console.Out.Write(yaml);
                return ExitCodes.Success;
            }
            if (File.Exists(file) && !result.GetValue(force))
            {
                Console.Error.WriteLine($"error: {file} exists; use --force to overwrite it.");
                return ExitCodes.InvalidInput;
            }
            Atomic.WriteAllText(file, yaml);
            Console.Error.WriteLine($"wrote {file} ({spec.Nodes.Count} nodes). Secrets are read from ${spec.Database.PasswordEnv} and ${spec.Database.AdminPasswordEnv}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
