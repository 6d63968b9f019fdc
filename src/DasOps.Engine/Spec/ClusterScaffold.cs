using DasOps.Engine.Diagnostics;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace DasOps.Engine.Spec;

/// <summary>What `dasops new` and New-DasCluster take: the same parameters, turned into a spec here.</summary>
public sealed class ScaffoldOptions
{
    public Product Product { get; set; } = Product.Das;
    public Pattern Pattern { get; set; } = Pattern.MinimumHa;
    public string Name { get; set; } = "das";

    /// <summary>NAME=HOST[:ROLE,...] entries.</summary>
    public IList<string> Nodes { get; set; } = new List<string>();

    /// <summary>HOST[:PORT] of the MySQL/MariaDB server.</summary>
    public string? Database { get; set; }

    public string? Home { get; set; }
    public string? SshUser { get; set; }

    /// <summary>StreamProcessor with Kafka: HOST[:PORT] of each broker (bootstrapServers).</summary>
    public IList<string> Kafka { get; set; } = new List<string>();

    /// <summary>StreamProcessor with Kafka: HOST[:PORT] of each ZooKeeper server.</summary>
    public IList<string> ZooKeeper { get; set; } = new List<string>();

    /// <summary>StreamProcessor with NATS: nats://HOST[:PORT] of each server.</summary>
    public IList<string> Nats { get; set; } = new List<string>();

    /// <summary>StreamProcessor: streamProcessor.minResourceCount; unset keeps the stock 1.</summary>
    public int? MinResourceCount { get; set; }
}

/// <summary>Builds a new spec from scaffold options; the result still goes through <see cref="SpecValidator"/>.</summary>
public static class ClusterScaffold
{
    /// <summary>
    /// Scaffolds and validates, as `dasops new` and New-DasCluster both do: the spec, and every problem of it located at
    /// <c>&lt;new&gt;</c>. Malformed options throw <see cref="InputException"/>.
    /// </summary>
    public static ClusterSpec CreateValidated(ScaffoldOptions options, out IReadOnlyList<SpecError> errors)
    {
        var spec = Create(options);
        errors = SpecValidator.Validate(spec)
            .Select(e => string.IsNullOrEmpty(e.Location.File) ? new SpecError(new SpecLocation(spec.SourceFile, 0, 0), e.Code, e.Message) : e)
            .ToList();
        return spec;
    }

    public static ClusterSpec Create(ScaffoldOptions options)
    {
        var spec = new ClusterSpec
        {
            Name = options.Name,
            Product = options.Product,
            Pattern = options.Pattern,
            SourceFile = "<new>",
        };
        spec.Defaults.Home = options.Home ?? options.Product switch
        {
            Product.IsAnalytics => "/opt/wso2is-analytics",
            Product.StreamProcessor => ClusterSpec.DefaultSpHome,
            _ => ClusterSpec.DefaultHome,
        };
        spec.Defaults.SshUser = options.SshUser;
        if (options.Database != null)
        {
            var (host, port) = ParseEndpoint(options.Database, 3306, "--database");
            spec.Database.Host = host;
            spec.Database.Port = port;
        }
        foreach (var node in options.Nodes) spec.Nodes.Add(ParseNode(node, options.Product));
        if (options.Product == Product.StreamProcessor)
        {
            ScaffoldStreamProcessor(spec.StreamProcessor, options);
            return spec;
        }
        spec.Spark.Symlink = spec.Defaults.Home.TrimEnd('/') + "-link";
        spec.Spark.MasterCount = Math.Max(1, Math.Min(2, spec.NodesWithRole(NodeRole.Analyzer).Count()));
        return spec;
    }

    private static void ScaffoldStreamProcessor(StreamProcessorSpec sp, ScaffoldOptions options)
    {
        sp.MinResourceCount = options.MinResourceCount ?? sp.MinResourceCount;
        if (options.Kafka.Count > 0 || options.ZooKeeper.Count > 0)
        {
            sp.Kafka = new KafkaSpec
            {
                BootstrapServers = options.Kafka.Select(k => Endpoint(k, KafkaSpec.DefaultBootstrapPort, "--kafka")).ToList(),
                ZooKeeper = options.ZooKeeper.Select(z => Endpoint(z, KafkaSpec.DefaultZooKeeperPort, "--zookeeper")).ToList(),
            };
        }
        if (options.Nats.Count > 0)
        {
            sp.Nats = new NatsSpec
            {
                Servers = options.Nats.Select(n => n.StartsWith("nats://", StringComparison.OrdinalIgnoreCase)
                    ? Endpoint(n.Substring("nats://".Length), NatsSpec.DefaultPort, "--nats")
                    : throw new InputException(InputErrorKind.ParameterInvalid, $"--nats '{n}' must be a URL nats://HOST[:PORT].")).ToList(),
            };
        }
    }

    private static Endpoint Endpoint(string text, int defaultPort, string what) =>
        StreamProcessorReader.TryParseEndpoint(text.Trim(), defaultPort)
        ?? throw new InputException(InputErrorKind.ParameterInvalid, $"{what} '{text}' must be HOST[:PORT] with a port from 1 to 65535 (an IPv6 host in brackets).");

    /// <summary>Parses NAME=HOST[:ROLE,...]; an IPv6 host is written in brackets: n1=[fd00::1]:Receiver.</summary>
    public static NodeSpec ParseNode(string text, Product product = Product.Das)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
            throw new InputException(InputErrorKind.ParameterInvalid, $"node '{text}' must look like NAME=HOST or NAME=HOST:ROLE,ROLE.");
        var node = new NodeSpec { Name = text.Substring(0, eq) };
        var rest = text.Substring(eq + 1);
        string host;
        string? roles = null;
        if (rest.StartsWith("[", StringComparison.Ordinal))
        {
            var close = rest.IndexOf(']');
            if (close < 0) throw new InputException(InputErrorKind.ParameterInvalid, $"node '{text}': unclosed '[' in the host.");
            host = rest.Substring(1, close - 1);
            if (close + 1 < rest.Length)
            {
                if (rest[close + 1] != ':') throw new InputException(InputErrorKind.ParameterInvalid, $"node '{text}': expected ':' after ']'.");
                roles = rest.Substring(close + 2);
            }
        }
        else
        {
            var colon = rest.IndexOf(':');
            host = colon < 0 ? rest : rest.Substring(0, colon);
            roles = colon < 0 ? null : rest.Substring(colon + 1);
        }
        node.Host = host;
        foreach (var role in (roles ?? "").Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(r => r.Trim()))
        {
            if (SpecLoader.TryParseRole<NodeRole>(role, out var parsed)) node.Roles.Add(parsed);
            else if (SpecLoader.TryParseRole<SpNodeRole>(role, out var spRole)) node.SpRoles.Add(spRole);
            else throw new InputException(InputErrorKind.ParameterInvalid, $"node '{text}': unknown role '{role}'; roles are {SpecLoader.RoleNamesOf(product)}.");
        }
        return node;
    }

    public static (string Host, int Port) ParseEndpoint(string text, int defaultPort, string what)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0 || text.EndsWith("]", StringComparison.Ordinal)) return (text.Trim('[', ']'), defaultPort);
        if (!int.TryParse(text.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port < 1 || port > 65535)
            throw new InputException(InputErrorKind.ParameterInvalid, $"{what} '{text}': the port after ':' must be a number from 1 to 65535.");
        return (text.Substring(0, colon).Trim('[', ']'), port);
    }
}
