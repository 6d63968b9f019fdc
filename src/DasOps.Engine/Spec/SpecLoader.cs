using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DasOps.Engine.Spec;

/// <summary>
/// Loads a cluster spec from YAML. Every problem (syntax, unknown keys, wrong types) is collected with its
/// file:line:column; <see cref="SpecException"/> carries all of them at once.
/// </summary>
public static class SpecLoader
{
    public static ClusterSpec LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            throw new SpecException(new[] { new SpecError(new SpecLocation(path, 0, 0), "SpecUnreadable", e.Message) });
        }
        return Load(text, path);
    }

    public static ClusterSpec Load(string yaml, string sourceName)
    {
        var (spec, errors) = TryLoad(yaml, sourceName);
        if (errors.Count > 0) throw new SpecException(errors);
        return spec!;
    }

    /// <summary>
    /// Reads a spec file, loads and validates it: the one way both front ends read a spec. A missing or unreadable file
    /// is a SpecNotFound or SpecUnreadable error at the file, like any other problem of the spec.
    /// </summary>
    public static IReadOnlyList<SpecError> LoadAndValidateFile(string path, out ClusterSpec? spec)
    {
        spec = null;
        if (!File.Exists(path)) return new[] { new SpecError(new SpecLocation(path, 0, 0), "SpecNotFound", "no such file.") };
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return new[] { new SpecError(new SpecLocation(path, 0, 0), "SpecUnreadable", e.Message) };
        }
        return LoadAndValidate(text, path, out spec);
    }

    /// <summary>
    /// Loads and validates in one pass, so a typo'd key and a bad host in the same file are reported together.
    /// </summary>
    public static IReadOnlyList<SpecError> LoadAndValidate(string yaml, string sourceName, out ClusterSpec? spec)
    {
        var (loaded, errors) = TryLoad(yaml, sourceName);
        spec = loaded;
        if (loaded == null) return errors;
        return errors.Concat(SpecValidator.Validate(loaded))
            .OrderBy(e => e.Location.Line).ThenBy(e => e.Location.Column).ThenBy(e => e.Code, StringComparer.Ordinal).ToList();
    }

    /// <summary>Parses without throwing; the spec is null only when the YAML itself is unreadable.</summary>
    public static (ClusterSpec? Spec, List<SpecError> Errors) TryLoad(string yaml, string sourceName)
    {
        var errors = new List<SpecError>();
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(yaml));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16 throws this (no mark) on some broken flow collections; the scanner knows where it stopped.
            var at = scanner.CurrentPosition;
            errors.Add(new SpecError(new SpecLocation(sourceName, (int)at.Line, (int)at.Column), "YamlSyntax",
                "the YAML cannot be parsed here; look for an unclosed '{', '[' or quote just before this point."));
            return (null, errors);
        }
        catch (YamlException e)
        {
            var message = (e.InnerException?.Message ?? e.Message).Trim();
            var colon = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith("(", StringComparison.Ordinal) && colon > 0) message = message.Substring(colon + 3);
            errors.Add(new SpecError(new SpecLocation(sourceName, (int)e.Start.Line, (int)e.Start.Column), "YamlSyntax", message));
            return (null, errors);
        }

        if (stream.Documents.Count != 1 || !(stream.Documents[0].RootNode is YamlMappingNode root))
        {
            var line = stream.Documents.Count > 0 ? (int)stream.Documents[0].RootNode.Start.Line : 1;
            errors.Add(new SpecError(new SpecLocation(sourceName, line, 1), "SpecNotAMapping",
                "a cluster spec is one YAML document whose top level is a mapping (name:, product:, nodes: ...)."));
            return (null, errors);
        }

        var spec = new ClusterSpec { SourceFile = sourceName };
        var reader = new YamlMapReader(root, sourceName, errors, spec);
        // Sections left out take the cluster's location, so errors about their defaults still point into the file.
        foreach (var section in new SpecElement[] { spec.Defaults, spec.Database, spec.Database.Names, spec.Spark, spec.Cep, spec.StreamProcessor }) section.Location = spec.Location;
        ReadCluster(reader, spec, sourceName, errors);
        return (spec, errors.OrderBy(e => e.Location.Line).ThenBy(e => e.Location.Column).ToList());
    }

    private static void ReadCluster(YamlMapReader r, ClusterSpec spec, string file, List<SpecError> errors)
    {
        spec.Name = r.String("name") ?? spec.Name;
        spec.Product = r.Enum<Product>("product") ?? spec.Product;
        spec.Pattern = r.Enum<Pattern>("pattern") ?? spec.Pattern;
        spec.Transport = r.Enum<Transport>("transport");
        spec.SshConfig = r.String("sshConfig");
        spec.KnownHosts = r.String("knownHosts");
        spec.JdbcDriver = r.String("jdbcDriver");
        spec.KeepBackups = r.Int("keepBackups");

        if (r.Map("defaults") is { } defaults)
        {
            var d = new YamlMapReader(defaults, file, errors, spec.Defaults);
            spec.Defaults.SshUser = d.String("sshUser");
            spec.Defaults.SshPort = d.Int("sshPort");
            spec.Defaults.SshKey = d.String("sshKey");
            spec.Defaults.SshKeyPassphraseEnv = d.String("sshKeyPassphraseEnv");
            spec.Defaults.SshPasswordEnv = d.String("sshPasswordEnv");
            spec.Defaults.JumpHost = d.String("jumpHost");
            spec.Defaults.Home = d.String("home");
            spec.Defaults.JavaHome = d.String("javaHome");
            spec.Defaults.RunAs = d.String("runAs");
            d.RejectUnknownKeys("defaults");
        }

        if (r.Map("database") is { } database) ReadDatabase(new YamlMapReader(database, file, errors, spec.Database), spec.Database, file, errors);

        if (r.Map("spark") is { } spark)
        {
            var s = new YamlMapReader(spark, file, errors, spec.Spark);
            spec.Spark.Master = s.String("master") ?? spec.Spark.Master;
            spec.Spark.MasterCount = s.Int("masterCount") ?? spec.Spark.MasterCount;
            spec.Spark.Symlink = s.String("symlink");
            s.RejectUnknownKeys("spark");
        }

        if (r.Map("cep") is { } cep)
        {
            var c = new YamlMapReader(cep, file, errors, spec.Cep);
            spec.Cep.Persistence = c.Bool("persistence") ?? spec.Cep.Persistence;
            c.RejectUnknownKeys("cep");
        }

        if (r.Map("depSync") is { } depSync)
        {
            var dep = new DepSyncSpec();
            var d = new YamlMapReader(depSync, file, errors, dep);
            dep.Enabled = d.Bool("enabled") ?? dep.Enabled;
            dep.SvnUrl = d.String("svnUrl") ?? "";
            dep.User = d.String("user") ?? "";
            dep.PasswordEnv = d.String("passwordEnv") ?? dep.PasswordEnv;
            dep.Committers = d.List("committer")?.Select(c => c.Value).ToList() ?? new List<string>();
            d.RejectUnknownKeys("depSync");
            spec.DepSync = dep;
        }

        if (r.Map("streamProcessor") is { } streamProcessor)
            StreamProcessorReader.Read(new YamlMapReader(streamProcessor, file, errors, spec.StreamProcessor), spec.StreamProcessor, file, errors);

        if (r.Sequence("nodes") is { } nodes)
        {
            foreach (var item in nodes.Children)
            {
                if (item is YamlMappingNode nodeMap)
                {
                    var node = new NodeSpec();
                    ReadNode(new YamlMapReader(nodeMap, file, errors, node), node, spec.Product);
                    spec.Nodes.Add(node);
                }
                else r.Error(item, "InvalidValue", "each entry of 'nodes' must be a mapping (name:, host:, roles: ...).");
            }
        }

        r.RejectUnknownKeys("the cluster spec");
    }

    private static void ReadDatabase(YamlMapReader d, DatabaseSpec db, string file, List<SpecError> errors)
    {
        db.Host = d.String("host") ?? db.Host;
        db.Port = d.Int("port") ?? db.Port;
        db.User = d.String("user") ?? db.User;
        db.PasswordEnv = d.String("passwordEnv") ?? db.PasswordEnv;
        db.AdminUser = d.String("adminUser") ?? db.AdminUser;
        db.AdminPasswordEnv = d.String("adminPasswordEnv") ?? db.AdminPasswordEnv;
        db.CharacterSet = d.String("characterSet") ?? db.CharacterSet;
        db.ClientHostPattern = d.String("clientHostPattern");
        db.DriverClassName = d.String("driverClassName") ?? db.DriverClassName;
        if (d.String("tls") is { } tls)
        {
            if (DatabaseTlsNames.TryParse(tls, out var mode)) db.Tls = mode;
            else d.Error(d.Node("tls")!, "InvalidValue", $"'tls' must be one of {DatabaseTlsNames.All}, not '{tls}'.");
        }
        db.TlsCa = d.String("tlsCa");
        if (d.Map("names") is { } names)
        {
            var n = new YamlMapReader(names, file, errors, db.Names);
            db.Names.UserDb = n.String("userDb") ?? db.Names.UserDb;
            db.Names.RegDb = n.String("regDb") ?? db.Names.RegDb;
            db.Names.EventStore = n.String("eventStore") ?? db.Names.EventStore;
            db.Names.ProcessedDataStore = n.String("processedDataStore") ?? db.Names.ProcessedDataStore;
            db.Names.ClusterDb = n.String("clusterDb") ?? db.Names.ClusterDb;
            db.Names.ManagementDb = n.String("managementDb") ?? db.Names.ManagementDb;
            n.RejectUnknownKeys("database.names");
        }
        d.RejectUnknownKeys("database");
    }

    /// <summary>The role names of a product, as error messages list them.</summary>
    public static string RoleNamesOf(Product product) =>
        string.Join(", ", Enum.GetNames(product == Product.StreamProcessor ? typeof(SpNodeRole) : typeof(NodeRole)));

    /// <summary>One defined name of the enum, case-insensitive; not a number and not a comma-combined pair.</summary>
    internal static bool TryParseRole<T>(string value, out T role) where T : struct =>
        Enum.TryParse(value, true, out role) && value.IndexOf(',') < 0 && !int.TryParse(value, out _) && Enum.IsDefined(typeof(T), role);

    private static void ReadNode(YamlMapReader n, NodeSpec node, Product product)
    {
        node.Name = n.String("name") ?? "";
        node.Host = n.String("host") ?? "";
        node.SshHost = n.String("sshHost");
        node.SshUser = n.String("sshUser");
        node.SshPort = n.Int("sshPort");
        node.SshKey = n.String("sshKey");
        node.JumpHost = n.String("jumpHost");
        node.Home = n.String("home");
        node.JavaHome = n.String("javaHome");
        node.RunAs = n.String("runAs");
        node.PortOffset = n.Int("portOffset");
        node.HazelcastPort = n.Int("hazelcastPort");
        node.SparkSymlink = n.String("sparkSymlink");
        node.RedHat = n.Bool("redHat") ?? false;
        node.SparkLocalIp = n.String("sparkLocalIp");
        node.CarbonId = n.String("carbonId");
        // One roles: list for both products; the validator refuses a role of the other product, naming it.
        foreach (var (value, at) in n.List("roles") ?? new List<(string, YamlNode)>())
        {
            if (TryParseRole<NodeRole>(value, out var role)) node.Roles.Add(role);
            else if (TryParseRole<SpNodeRole>(value, out var spRole)) node.SpRoles.Add(spRole);
            else n.Error(at, "UnknownRole", $"unknown role '{value}'; roles are {RoleNamesOf(product)}.");
        }
        n.RejectUnknownKeys(node.Name.Length > 0 ? $"node '{node.Name}'" : "a node");
    }
}
