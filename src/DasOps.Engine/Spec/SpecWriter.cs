using System.Globalization;
using DasOps.Engine.IO;
using System.IO;
using System.Linq;
using YamlDotNet.RepresentationModel;

namespace DasOps.Engine.Spec;

/// <summary>Saves a spec as YAML that <see cref="SpecLoader"/> reads back to the same model. Holds no secrets: only env names.</summary>
public static class SpecWriter
{
    public static string ToYaml(ClusterSpec spec)
    {
        var root = new YamlMappingNode();
        Add(root, "name", spec.Name);
        Add(root, "product", spec.Product.ToString());
        Add(root, "pattern", spec.Pattern.ToString());
        if (spec.Transport != null) Add(root, "transport", spec.Transport.Value.ToString().ToLowerInvariant());
        Add(root, "sshConfig", spec.SshConfig);
        Add(root, "knownHosts", spec.KnownHosts);
        Add(root, "jdbcDriver", spec.JdbcDriver);
        Add(root, "keepBackups", spec.KeepBackups);

        var defaults = new YamlMappingNode();
        Add(defaults, "sshUser", spec.Defaults.SshUser);
        Add(defaults, "sshPort", spec.Defaults.SshPort);
        Add(defaults, "sshKey", spec.Defaults.SshKey);
        Add(defaults, "sshKeyPassphraseEnv", spec.Defaults.SshKeyPassphraseEnv);
        Add(defaults, "sshPasswordEnv", spec.Defaults.SshPasswordEnv);
        Add(defaults, "jumpHost", spec.Defaults.JumpHost);
        Add(defaults, "home", spec.Defaults.Home);
        Add(defaults, "javaHome", spec.Defaults.JavaHome);
        Add(defaults, "runAs", spec.Defaults.RunAs);
        if (defaults.Children.Count > 0) root.Add("defaults", defaults);

        var db = spec.Database;
        var database = new YamlMappingNode();
        Add(database, "host", db.Host);
        Add(database, "port", db.Port);
        Add(database, "user", db.User);
        Add(database, "passwordEnv", db.PasswordEnv);
        Add(database, "adminUser", db.AdminUser);
        Add(database, "adminPasswordEnv", db.AdminPasswordEnv);
        Add(database, "characterSet", db.CharacterSet);
        Add(database, "clientHostPattern", db.ClientHostPattern);
        if (db.DriverClassName != new DatabaseSpec().DriverClassName) Add(database, "driverClassName", db.DriverClassName);
        if (db.Tls != new DatabaseSpec().Tls) Add(database, "tls", DatabaseTlsNames.Of(db.Tls));
        Add(database, "tlsCa", db.TlsCa);
        // Each product's own names only: the validator refuses the other product's sections and names.
        var isSp = spec.Product == Product.StreamProcessor;
        var names = new YamlMappingNode();
        if (isSp)
        {
            Add(names, "clusterDb", db.Names.ClusterDb);
            Add(names, "managementDb", db.Names.ManagementDb);
        }
        else
        {
            Add(names, "userDb", db.Names.UserDb);
            Add(names, "regDb", db.Names.RegDb);
            Add(names, "eventStore", db.Names.EventStore);
            Add(names, "processedDataStore", db.Names.ProcessedDataStore);
        }
        database.Add("names", names);
        root.Add("database", database);

        if (isSp)
        {
            root.Add("streamProcessor", StreamProcessorNode(spec.StreamProcessor));
        }
        else
        {
            var spark = new YamlMappingNode();
            Add(spark, "master", spec.Spark.Master);
            Add(spark, "masterCount", spec.Spark.MasterCount);
            Add(spark, "symlink", spec.Spark.Symlink);
            root.Add("spark", spark);

            var cep = new YamlMappingNode();
            Add(cep, "persistence", spec.Cep.Persistence);
            root.Add("cep", cep);
        }

        if (spec.DepSync is { } dep && !isSp)
        {
            var depSync = new YamlMappingNode();
            Add(depSync, "enabled", dep.Enabled);
            Add(depSync, "svnUrl", dep.SvnUrl);
            Add(depSync, "user", dep.User);
            Add(depSync, "passwordEnv", dep.PasswordEnv);
            if (dep.Committers.Count == 1) Add(depSync, "committer", dep.Committers[0]);
            else if (dep.Committers.Count > 1) depSync.Add("committer", new YamlSequenceNode(dep.Committers.Select(c => new YamlScalarNode(c))));
            root.Add("depSync", depSync);
        }

        var nodes = new YamlSequenceNode();
        foreach (var n in spec.Nodes)
        {
            var node = new YamlMappingNode();
            Add(node, "name", n.Name);
            Add(node, "host", n.Host);
            Add(node, "sshHost", n.SshHost);
            Add(node, "sshUser", n.SshUser);
            Add(node, "sshPort", n.SshPort);
            Add(node, "sshKey", n.SshKey);
            Add(node, "jumpHost", n.JumpHost);
            Add(node, "home", n.Home);
            Add(node, "javaHome", n.JavaHome);
            Add(node, "runAs", n.RunAs);
            var roles = n.Roles.Select(r => r.ToString()).Concat(n.SpRoles.Select(r => r.ToString())).ToList();
            if (roles.Count > 0)
                node.Add("roles", new YamlSequenceNode(roles.Select(r => new YamlScalarNode(r))) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow });
            Add(node, "carbonId", n.CarbonId);
            Add(node, "portOffset", n.PortOffset);
            Add(node, "hazelcastPort", n.HazelcastPort);
            Add(node, "sparkSymlink", n.SparkSymlink);
            if (n.RedHat) Add(node, "redHat", true);
            Add(node, "sparkLocalIp", n.SparkLocalIp);
            nodes.Add(node);
        }
        root.Add("nodes", nodes);

        var writer = new StringWriter { NewLine = "\n" };
        writer.Write("# DasOps cluster spec. Secrets are never stored here: only the names of the environment variables holding them.\n");
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var text = writer.ToString();
        // YamlDotNet ends a document with an explicit "...": drop it so the file reads like a hand-written one.
        if (text.EndsWith("...\n", System.StringComparison.Ordinal)) text = text.Substring(0, text.Length - 4);
        return text;
    }

    private static YamlMappingNode StreamProcessorNode(StreamProcessorSpec sp)
    {
        var map = new YamlMappingNode();
        Add(map, "minResourceCount", sp.MinResourceCount);
        Add(map, "heartbeatInterval", sp.HeartbeatInterval);
        Add(map, "heartbeatMaxRetry", sp.HeartbeatMaxRetry);
        if (sp.Kafka is { } kafka)
        {
            var k = new YamlMappingNode();
            k.Add("bootstrapServers", FlowList(kafka.BootstrapServers.Select(e => e.ToString())));
            k.Add("zooKeeper", FlowList(kafka.ZooKeeper.Select(e => e.ToString())));
            if (kafka.ClientJars.Count > 0) k.Add("clientJars", FlowList(kafka.ClientJars.Select(j => j.Value)));
            map.Add("kafka", k);
        }
        if (sp.Nats is { } nats)
        {
            var n = new YamlMappingNode();
            n.Add("servers", FlowList(nats.Servers.Select(e => e.NatsUrl)));
            Add(n, "clusterId", nats.ClusterId);
            map.Add("nats", n);
        }
        return map;
    }

    private static YamlSequenceNode FlowList(System.Collections.Generic.IEnumerable<string> values) =>
        new YamlSequenceNode(values.Select(v => new YamlScalarNode(v))) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow };

    public static void SaveFile(ClusterSpec spec, string path) => Atomic.WriteAllText(path, ToYaml(spec));

    private static void Add(YamlMappingNode map, string key, string? value)
    {
        if (value != null) map.Add(key, new YamlScalarNode(value));
    }

    private static void Add(YamlMappingNode map, string key, int? value)
    {
        if (value != null) map.Add(key, new YamlScalarNode(value.Value.ToString(CultureInfo.InvariantCulture)));
    }

    private static void Add(YamlMappingNode map, string key, bool value) => map.Add(key, new YamlScalarNode(value ? "true" : "false"));
}
