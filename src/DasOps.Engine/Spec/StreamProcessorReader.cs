using System;
using System.Collections.Generic;
using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace DasOps.Engine.Spec;

/// <summary>Reads the spec's <c>streamProcessor:</c> section; each list entry keeps its own file:line:column.</summary>
internal static class StreamProcessorReader
{
    public static void Read(YamlMapReader r, StreamProcessorSpec sp, string file, List<SpecError> errors)
    {
        sp.MinResourceCount = r.Int("minResourceCount") ?? sp.MinResourceCount;
        sp.HeartbeatInterval = r.Int("heartbeatInterval");
        sp.HeartbeatMaxRetry = r.Int("heartbeatMaxRetry");

        if (r.Map("kafka") is { } kafkaMap)
        {
            var kafka = new KafkaSpec();
            var k = new YamlMapReader(kafkaMap, file, errors, kafka);
            kafka.BootstrapServers = Endpoints(k, "bootstrapServers", KafkaSpec.DefaultBootstrapPort, natsScheme: false, out var badBootstrap);
            kafka.ZooKeeper = Endpoints(k, "zooKeeper", KafkaSpec.DefaultZooKeeperPort, natsScheme: false, out var badZooKeeper);
            kafka.BootstrapServersMalformed = badBootstrap;
            kafka.ZooKeeperMalformed = badZooKeeper;
            foreach (var (path, node) in k.List("clientJars") ?? new List<(string, YamlNode)>())
            {
                var jar = new SpecPath(path.Trim());
                jar.Location = k.At(node);
                kafka.ClientJars.Add(jar);
            }
            k.RejectUnknownKeys("streamProcessor.kafka");
            sp.Kafka = kafka;
        }

        if (r.Map("nats") is { } natsMap)
        {
            var nats = new NatsSpec();
            var n = new YamlMapReader(natsMap, file, errors, nats);
            nats.Servers = Endpoints(n, "servers", NatsSpec.DefaultPort, natsScheme: true, out var badServers);
            nats.ServersMalformed = badServers;
            nats.ClusterId = n.String("clusterId") ?? nats.ClusterId;
            n.RejectUnknownKeys("streamProcessor.nats");
            sp.Nats = nats;
        }

        r.RejectUnknownKeys("streamProcessor");
    }

    /// <summary>A list of host[:port] (or nats://host[:port]) entries; a malformed one is an error at its own position.</summary>
    private static List<Endpoint> Endpoints(YamlMapReader r, string key, int defaultPort, bool natsScheme, out bool malformed)
    {
        malformed = false;
        var result = new List<Endpoint>();
        foreach (var (text, node) in r.List(key) ?? new List<(string, YamlNode)>())
        {
            var value = text.Trim();
            if (natsScheme)
            {
                if (!value.StartsWith("nats://", StringComparison.OrdinalIgnoreCase))
                {
                    r.Error(node, "InvalidNatsUrl", $"'{key}' entry '{text}' must be a URL nats://host[:port].");
                    malformed = true;
                    continue;
                }
                value = value.Substring("nats://".Length);
            }
            var endpoint = TryParseEndpoint(value, defaultPort);
            if (endpoint == null)
            {
                r.Error(node, natsScheme ? "InvalidNatsUrl" : "InvalidEndpoint",
                    $"'{key}' entry '{text}' must be {(natsScheme ? "nats://" : "")}host[:port] with a port from 1 to 65535.");
                malformed = true;
                continue;
            }
            endpoint.Location = r.At(node);
            result.Add(endpoint);
        }
        return result;
    }

    /// <summary>host, host:port, [v6] or [v6]:port; null when the port is not a number (the host is checked by validation).</summary>
    internal static Endpoint? TryParseEndpoint(string text, int defaultPort)
    {
        string host;
        string? port = null;
        if (text.StartsWith("[", StringComparison.Ordinal))
        {
            var close = text.IndexOf(']');
            if (close < 0) return null;
            host = text.Substring(1, close - 1);
            var rest = text.Substring(close + 1);
            if (rest.Length > 0)
            {
                if (rest[0] != ':') return null;
                port = rest.Substring(1);
            }
        }
        else
        {
            var colon = text.IndexOf(':');
            if (colon >= 0 && text.LastIndexOf(':') != colon) return null; // a bare IPv6 literal needs brackets to carry a port
            host = colon < 0 ? text : text.Substring(0, colon);
            port = colon < 0 ? null : text.Substring(colon + 1);
        }
        var number = defaultPort;
        if (port != null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1 || number > 65535))
            return null;
        return host.Length == 0 ? null : new Endpoint(host, number);
    }
}
