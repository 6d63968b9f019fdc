using System;
using System.Collections.Generic;
using System.Linq;

namespace DasOps.Engine.Spec;

/// <summary>
/// Checks a spec before anything touches a node, and reports every problem at once, each at the
/// file:line:column where it was written.
/// </summary>
public static class SpecValidator
{
    /// <summary>Highest default port a node opens (Spark history UI 18080); the offset must keep it a valid port.</summary>
    public const int HighestDefaultPort = 18080;
    public const int MaxPortOffset = 65535 - HighestDefaultPort;

    /// <summary>Roles the fully distributed pattern needs at least twice (seed 000's table).</summary>
    public static readonly IReadOnlyList<NodeRole> RolesRequiredTwice =
        new[] { NodeRole.Receiver, NodeRole.Indexer, NodeRole.Analyzer, NodeRole.Dashboard };

    public static IReadOnlyList<SpecError> Validate(ClusterSpec spec)
    {
        var errors = new List<SpecError>();
        void Error(SpecElement at, string key, string code, string message)
        {
            // A spec built in memory (New-DasCluster, `dasops new`) has no positions; name it instead.
            var location = at.LocationOf(key);
            errors.Add(new SpecError(location.IsKnown ? location : new SpecLocation(spec.SourceFile, 0, 0), code, message));
        }

        if (!Identifiers.IsNodeName(spec.Name))
            Error(spec, "name", "InvalidClusterName", $"cluster name '{spec.Name}' must be letters, digits, '.', '_' or '-'.");
        var isSp = spec.Product == Product.StreamProcessor;
        if (isSp != (spec.Pattern == Pattern.Distributed))
            Error(spec, spec.HasLocation("pattern") ? "pattern" : "product", "PatternNotForProduct", isSp
                ? $"a StreamProcessor cluster uses pattern Distributed (seed 004), not {spec.Pattern}."
                : $"pattern Distributed is the StreamProcessor pattern (seed 004); a {spec.Product} cluster is MinimumHa or FullyDistributed.");

        if (spec.Defaults.SshUser != null && !Identifiers.IsUnixUser(spec.Defaults.SshUser))
            Error(spec.Defaults, "sshUser", "InvalidUserName", $"defaults.sshUser '{spec.Defaults.SshUser}' is not a login name (letters, digits, '_', '.', '-'; at most 32).");
        if (spec.Defaults.RunAs != null && !Identifiers.IsUnixUser(spec.Defaults.RunAs))
            Error(spec.Defaults, "runAs", "InvalidUserName", $"defaults.runAs '{spec.Defaults.RunAs}' is not a login name (letters, digits, '_', '.', '-'; at most 32).");
        if (spec.KeepBackups is { } keep && (keep < 1 || keep > 1000))
            Error(spec, "keepBackups", "KeepBackupsOutOfRange", $"keepBackups must be from 1 to 1000, not {keep}: the newest backup is what a restore puts back.");
        if (spec.Transport == Transport.SshNet && spec.SshConfig != null)
            Error(spec, "sshConfig", "OpenSshOnly",
                "sshConfig is an OpenSSH client config and the SshNet transport reads none; remove it (set the user, port and key with sshUser, sshPort and sshKey) or set transport: openssh.");
        if (spec.Defaults.SshKeyPassphraseEnv != null && !Identifiers.IsEnvironmentVariableName(spec.Defaults.SshKeyPassphraseEnv))
            Error(spec.Defaults, "sshKeyPassphraseEnv", "InvalidEnvironmentVariableName", $"sshKeyPassphraseEnv '{spec.Defaults.SshKeyPassphraseEnv}' is not an environment variable name (it names where the passphrase is, it is not the passphrase).");
        if (spec.Defaults.SshPasswordEnv != null && !Identifiers.IsEnvironmentVariableName(spec.Defaults.SshPasswordEnv))
            Error(spec.Defaults, "sshPasswordEnv", "InvalidEnvironmentVariableName", $"sshPasswordEnv '{spec.Defaults.SshPasswordEnv}' is not an environment variable name (it names where the password is, it is not the password).");
        if (spec.Defaults.JumpHost is { } jump && JumpHostProblem(jump, allowNone: false) is { } jumpProblem)
            Error(spec.Defaults, "jumpHost", "InvalidJumpHost", $"defaults.jumpHost '{jump}': {jumpProblem}; write [user@]host[:port].");
        ValidateNodes(spec, Error);
        ValidateDatabase(spec, Error);
        if (isSp)
        {
            StreamProcessorValidator.Validate(spec, Error);
        }
        else
        {
            StreamProcessorValidator.RefuseOnOtherProducts(spec, Error);
            ValidateTopology(spec, Error);
            ValidateDepSync(spec, Error);
        }
        return errors.OrderBy(e => e.Location.Line).ThenBy(e => e.Location.Column).ThenBy(e => e.Code, StringComparer.Ordinal).ToList();
    }

    private static string? JumpHostProblem(string text, bool allowNone)
    {
        if (allowNone && string.Equals(text.Trim(), JumpHost.None, StringComparison.OrdinalIgnoreCase)) return null;
        return JumpHost.TryParse(text, out var problem) == null ? problem : null;
    }

    public static void ThrowIfInvalid(ClusterSpec spec)
    {
        var errors = Validate(spec);
        if (errors.Count > 0) throw new SpecException(errors);
    }

    private static void ValidateNodes(ClusterSpec spec, Action<SpecElement, string, string, string> error)
    {
        if (spec.Nodes.Count == 0) error(spec, "nodes", "NoNodes", "the cluster has no nodes.");

        var seenNames = new Dictionary<string, NodeSpec>(StringComparer.OrdinalIgnoreCase);
        var seenEndpoints = new Dictionary<string, NodeSpec>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in spec.Nodes)
        {
            if (!Identifiers.IsNodeName(node.Name))
                error(node, "name", "InvalidNodeName", $"node name '{node.Name}' must start with a letter or digit and hold only letters, digits, '.', '_' or '-'.");
            else if (seenNames.TryGetValue(node.Name, out var first))
                error(node, "name", "DuplicateNodeName", $"node name '{node.Name}' is used twice (first at {first.LocationOf("name")}).");
            else seenNames[node.Name] = node;

            if (!Identifiers.IsHost(node.Host))
                error(node, "host", "InvalidHostName", $"node '{node.Name}': '{node.Host}' is not a valid host name or IP address.");
            if (node.SshUser != null && !Identifiers.IsUnixUser(node.SshUser))
                error(node, "sshUser", "InvalidUserName", $"node '{node.Name}': sshUser '{node.SshUser}' is not a login name (letters, digits, '_', '.', '-'; at most 32).");
            if (node.JumpHost is { } jump && JumpHostProblem(jump, allowNone: true) is { } jumpProblem)
                error(node, "jumpHost", "InvalidJumpHost", $"node '{node.Name}': jumpHost '{jump}': {jumpProblem}; write [user@]host[:port], or none.");
            if (node.RunAs != null && !Identifiers.IsUnixUser(node.RunAs))
                error(node, "runAs", "InvalidUserName", $"node '{node.Name}': runAs '{node.RunAs}' is not a login name (letters, digits, '_', '.', '-'; at most 32).");
            if (node.SshHost != null && !Identifiers.IsHost(node.SshHost))
                error(node, "sshHost", "InvalidHostName", $"node '{node.Name}': sshHost '{node.SshHost}' is not a valid host name, alias or IP address.");

            var offset = spec.PortOffsetOf(node);
            if (offset < 0 || offset > MaxPortOffset)
                error(node, "portOffset", "PortOffsetOutOfRange",
                    $"node '{node.Name}': port offset {offset} is out of range 0..{MaxPortOffset} (ports up to {HighestDefaultPort}+offset must stay below 65536).");
            else if (Identifiers.IsHost(node.Host) && spec.Product != Product.StreamProcessor)
            {
                var endpoint = node.Host + "+" + offset;
                if (seenEndpoints.TryGetValue(endpoint, out var other))
                    error(node, node.PortOffset != null ? "portOffset" : "host", "DuplicateHostAndOffset",
                        $"nodes '{other.Name}' and '{node.Name}' share host {node.Host} and port offset {offset}; their ports would collide.");
                else seenEndpoints[endpoint] = node;
            }

            if (node.HazelcastPort is { } hz && (hz < 1 || hz > 65535))
                error(node, "hazelcastPort", "PortOutOfRange", $"node '{node.Name}': hazelcastPort {hz} is not a TCP port.");
            var sshPort = spec.SshPortOf(node);
            if (sshPort < 1 || sshPort > 65535)
                error(node, node.SshPort != null ? "sshPort" : "name", "PortOutOfRange", $"node '{node.Name}': ssh port {sshPort} is not a TCP port.");
            if (!Identifiers.IsAbsolutePosixPath(spec.HomeOf(node)))
                error(node, node.Home != null ? "home" : "name", "InvalidPath", $"node '{node.Name}': product home '{spec.HomeOf(node)}' must be an absolute path.");
            // No whitespace: the stock bin/jartobundle.sh expands $JAVA_HOME unquoted.
            if (spec.JavaHomeOf(node) is { } javaHome && (!Identifiers.IsAbsolutePosixPath(javaHome) || javaHome.Any(char.IsWhiteSpace)))
                error(node, node.JavaHome != null ? "javaHome" : "name", "InvalidPath", $"node '{node.Name}': javaHome '{javaHome}' must be an absolute path without spaces.");
            if (spec.SparkSymlinkOf(node) is { } link && !Identifiers.IsAbsolutePosixPath(link))
                error(node, node.SparkSymlink != null ? "sparkSymlink" : "name", "InvalidPath", $"node '{node.Name}': Spark symlink '{link}' must be an absolute path.");
            if (node.SparkLocalIp != null && !Identifiers.IsHost(node.SparkLocalIp))
                error(node, "sparkLocalIp", "InvalidHostName", $"node '{node.Name}': sparkLocalIp '{node.SparkLocalIp}' is not an IP address.");
            if (node.RedHat && spec.SparkSymlinkOf(node) == null)
                error(node, "redHat", "RedHatWithoutSymlink", $"node '{node.Name}': redHat exports CARBON_HOME as the Spark symlink, but no symlink is set (spark.symlink or sparkSymlink).");

            if (spec.Pattern == Pattern.MinimumHa && node.Roles.Count > 0)
                error(node, "roles", "RolesInMinimumHa", $"node '{node.Name}': minimum-HA nodes run every role; remove 'roles' or use pattern FullyDistributed.");
            if (spec.Pattern == Pattern.FullyDistributed && node.Roles.Count == 0 && node.SpRoles.Count == 0)
                error(node, "name", "NodeWithoutRole", $"node '{node.Name}' has no roles; fully distributed nodes need one of Receiver, Indexer, Analyzer, Dashboard, Storm.");
            if (node.Roles.Distinct().Count() != node.Roles.Count || node.SpRoles.Distinct().Count() != node.SpRoles.Count)
                error(node, "roles", "DuplicateRole", $"node '{node.Name}' lists a role twice.");
            // seed 000: "You cannot use more than one aforementioned predefined profiles when starting the server."
            if (node.Roles.Count(r => r != NodeRole.Dashboard && r != NodeRole.Storm) > 1)
                error(node, "roles", "ConflictingProfiles", $"node '{node.Name}' combines {string.Join(" and ", node.Roles)}; a DAS node starts with one profile (-receiverNode, -indexerNode or -analyzerNode).");
        }

        var hosts = spec.Nodes.Select(n => n.Host).Where(h => h.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (hosts.Count > 1 && spec.Product != Product.StreamProcessor) // SP nodes: NotAnInterfaceAddress, always
        {
            foreach (var node in spec.Nodes.Where(n => Identifiers.IsLoopback(n.Host)))
                error(node, "host", "LoopbackInMultiHostCluster",
                    $"node '{node.Name}': host {node.Host} is a loopback address in a cluster that spans hosts; other nodes cannot reach it and a WKA list with it breaks Hazelcast.");
        }
    }

    private static void ValidateTopology(ClusterSpec spec, Action<SpecElement, string, string, string> error)
    {
        if (spec.Pattern == Pattern.MinimumHa && spec.Nodes.Count != 2)
            error(spec, "nodes", "NodeCountMismatch", $"the minimum-HA pattern has exactly 2 nodes; this spec has {spec.Nodes.Count}.");

        if (spec.Pattern == Pattern.FullyDistributed)
        {
            foreach (var role in RolesRequiredTwice)
            {
                var count = spec.NodesWithRole(role).Count();
                if (count < 2)
                    error(spec, "nodes", "RoleBelowMinimum",
                        $"the fully distributed pattern needs at least 2 {role} nodes for high availability; this spec has {count}.");
            }
        }

        var analyzers = spec.NodesWithRole(NodeRole.Analyzer).Count();
        if (spec.Spark.MasterCount < 1)
            error(spec.Spark, "masterCount", "SparkMasterCountOutOfRange", $"spark.masterCount must be at least 1, not {spec.Spark.MasterCount}.");
        else if (spec.Spark.MasterCount > analyzers)
            // When the count is the default, the fix is in the node list, so point there.
            error(spec.Spark.HasLocation("masterCount") ? spec.Spark : (SpecElement)spec, spec.Spark.HasLocation("masterCount") ? "masterCount" : "nodes", "SparkMasterCountAboveAnalyzers",
                $"spark.masterCount is {spec.Spark.MasterCount} but the cluster has {analyzers} analyzer node(s); a Spark master runs on an analyzer.");
        if (string.IsNullOrWhiteSpace(spec.Spark.Master) || spec.Spark.Master.Any(char.IsWhiteSpace))
            error(spec.Spark, "master", "InvalidValue", $"spark.master '{spec.Spark.Master}' must be one word (local, carbon, spark://host:port ...).");

        var sparkLinks = spec.NodesWithRole(NodeRole.Analyzer).Select(spec.SparkSymlinkOf).Distinct().ToList();
        if (sparkLinks.Count > 1)
            error(spec.Spark, "symlink", "SparkSymlinkDiffers",
                $"analyzer nodes use different Spark symlink paths ({string.Join(", ", sparkLinks.Select(l => l ?? "none"))}); seed 003 needs one identical path on every Spark node.");
    }

    private static void ValidateDatabase(ClusterSpec spec, Action<SpecElement, string, string, string> error)
    {
        var db = spec.Database;
        if (!Identifiers.IsHost(db.Host))
            error(db, "host", "InvalidHostName", $"database host '{db.Host}' is not a valid host name or IP address.");
        else if (Identifiers.IsLoopback(db.Host) && spec.Nodes.Select(n => n.Host).Distinct().Count() > 1 && spec.Product != Product.StreamProcessor)
            error(db, "host", "LoopbackInMultiHostCluster", $"database host {db.Host} is a loopback address, which each node would resolve to itself.");
        if (db.Port < 1 || db.Port > 65535)
            error(db, "port", "PortOutOfRange", $"database port {db.Port} is not a TCP port.");
        if (!Identifiers.IsSqlUser(db.User))
            error(db, "user", "InvalidSqlIdentifier", $"database user '{db.User}' must be letters, digits, '_', '.' or '-' (at most 32).");
        if (!Identifiers.IsSqlUser(db.AdminUser))
            error(db, "adminUser", "InvalidSqlIdentifier", $"database admin user '{db.AdminUser}' must be letters, digits, '_', '.' or '-' (at most 32).");
        if (!Identifiers.IsEnvironmentVariableName(db.PasswordEnv))
            error(db, "passwordEnv", "InvalidEnvironmentVariableName", $"passwordEnv '{db.PasswordEnv}' is not an environment variable name (it names where the secret is, it is not the secret).");
        if (!Identifiers.IsEnvironmentVariableName(db.AdminPasswordEnv))
            error(db, "adminPasswordEnv", "InvalidEnvironmentVariableName", $"adminPasswordEnv '{db.AdminPasswordEnv}' is not an environment variable name.");
        if (!Identifiers.IsCharacterSet(db.CharacterSet))
            error(db, "characterSet", "InvalidCharacterSet", $"characterSet '{db.CharacterSet}' is not a MySQL character set name.");
        if (db.ClientHostPattern != null && !Identifiers.IsSqlHostPattern(db.ClientHostPattern))
            error(db, "clientHostPattern", "InvalidSqlIdentifier", $"clientHostPattern '{db.ClientHostPattern}' must be a host, IP or pattern with '%'.");
        if (db.TlsCa != null && db.Tls != DatabaseTls.VerifyCa && db.Tls != DatabaseTls.VerifyFull)
            error(db, "tlsCa", "TlsCaWithoutVerification", $"tlsCa is only used to verify the server's certificate; set tls: verify-ca or verify-full (tls is {DatabaseTlsNames.Of(db.Tls)}).");
        else if (db.TlsCa != null && !System.IO.File.Exists(SpecPaths.Resolve(spec, db.TlsCa)))
            error(db, "tlsCa", "FileNotFound", $"tlsCa '{db.TlsCa}' does not exist.");

        var names = new (string Key, string Value)[]
        {
            ("userDb", db.Names.UserDb), ("regDb", db.Names.RegDb),
            ("eventStore", db.Names.EventStore), ("processedDataStore", db.Names.ProcessedDataStore),
        };
        foreach (var (key, value) in names) CheckDatabaseName(db.Names, key, value, error);
    }

    internal static void CheckDatabaseName(DatabaseNames names, string key, string value, Action<SpecElement, string, string, string> error)
    {
        if (!Identifiers.IsSqlIdentifier(value))
            error(names, key, "InvalidDatabaseName",
                $"database name '{value}' ({key}) is not a plain identifier: use letters, digits and '_', starting with a letter or '_', at most 64.");
        else if (Identifiers.IsSystemDatabase(value))
            error(names, key, "SystemDatabaseName",
                $"database name '{value}' ({key}) is one of the server's own schemas; the cluster's user must not be granted on it.");
    }

    private static void ValidateDepSync(ClusterSpec spec, Action<SpecElement, string, string, string> error)
    {
        if (!(spec.DepSync is { Enabled: true } dep)) return;
        if (!Uri.TryCreate(dep.SvnUrl, UriKind.Absolute, out var url) || (url.Scheme != "http" && url.Scheme != "https" && url.Scheme != "svn"))
            error(dep, "svnUrl", "InvalidSvnUrl", $"depSync.svnUrl '{dep.SvnUrl}' must be an http, https or svn URL.");
        if (!Identifiers.IsEnvironmentVariableName(dep.PasswordEnv))
            error(dep, "passwordEnv", "InvalidEnvironmentVariableName", $"depSync.passwordEnv '{dep.PasswordEnv}' is not an environment variable name.");
        if (dep.Committers.Count == 0)
            error(dep, "committer", "NoDepSyncCommitter", "depSync needs exactly one committer (a receiver node); none is set.");
        if (dep.Committers.Count > 1)
            error(dep, "committer", "MultipleDepSyncCommitters",
                $"depSync has {dep.Committers.Count} committers ({string.Join(", ", dep.Committers)}); exactly one node may commit (seed 000, step 7).");
        foreach (var name in dep.Committers)
        {
            var node = spec.FindNode(name);
            if (node == null)
                error(dep, "committer", "UnknownNode", $"depSync committer '{name}' is not a node of this cluster.");
            else if (!spec.HasRole(node, NodeRole.Receiver))
                error(dep, "committer", "DepSyncCommitterNotReceiver", $"depSync committer '{name}' is not a receiver; only a receiver commits (seed 000, step 7).");
        }
    }
}
