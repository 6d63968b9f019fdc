using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Publishing;
using DasOps.Engine.Remote;
using DasOps.Engine.Secrets;
using DasOps.Engine.Spec;
using Xunit;

namespace DasOps.Integration.Tests.Lab;

/// <summary>
/// A fully distributed cluster on the six lab hosts (receivers node1-2, indexers+dashboards node3-4, analyzers
/// node5-6 with the Spark link /srv/das-link), reached through the lab's ssh config by alias while the cluster
/// uses the IPs. Specs, the JDBC driver jar and plan files live in a temp directory removed on Dispose.
/// </summary>
public sealed class LabCluster : IDisposable
{
    /// <summary>XML and shell metacharacters: it must land exactly in the XML and nowhere else.</summary>
    public const string Password = "Pw<&\"'$;`x]]>9";

    public const string DriverName = "mysql-connector-java-5.1.49-bin.jar";
    public const string SparkLink = "/srv/das-link";

    private readonly LabFixture _lab;

    public LabCluster(LabFixture lab, Transport transport, string dbUser = "wso2das")
    {
        _lab = lab;
        Transport = transport;
        Directory = Path.Combine(Path.GetTempPath(), "dasops-it-" + Guid.NewGuid().ToString("N").Substring(0, 10));
        System.IO.Directory.CreateDirectory(Directory);
        Driver = Path.Combine(Directory, DriverName);
        // A jar is a zip: DasOps refuses anything else as a driver.
        using (var jar = System.IO.Compression.ZipFile.Open(Driver, System.IO.Compression.ZipArchiveMode.Create))
        using (var entry = jar.CreateEntry("com/mysql/jdbc/Driver.class", System.IO.Compression.CompressionLevel.NoCompression).Open())
            entry.Write(RandomNumberGenerator.GetBytes(300_000));
        SpecPath = WriteSpec("spec.yaml", dbUser);
        Spec = SpecLoader.LoadFile(SpecPath);
        Assert.Empty(SpecValidator.Validate(Spec));
    }

    /// <summary>How this cluster's runs reach the lab: its specs say so (transport:), so the CLI follows them too.</summary>
    public Transport Transport { get; }

    public string Directory { get; }
    public string Driver { get; }
    public string SpecPath { get; }
    public ClusterSpec Spec { get; }

    public static ClusterSecrets Secrets => new ClusterSecrets { DatabasePassword = Password };

    /// <summary>The secret as it may appear anywhere: raw, or escaped for XML text and attributes.</summary>
    public static IReadOnlyList<string> PasswordForms => new[]
    {
        Password,
        Engine.Config.Xml.XmlTextEscaping.EscapeText(Password),
        Engine.Config.Xml.XmlTextEscaping.EscapeAttribute(Password, '"'),
        Engine.Config.Xml.XmlTextEscaping.EscapeAttribute(Password, '\''),
    };

    public static void AssertNoPassword(string text, string where)
    {
        foreach (var form in PasswordForms) Assert.False(text.Contains(form, StringComparison.Ordinal), $"the password appears in {where}");
    }

    /// <summary>Another spec over the same hosts (e.g. a different database user); written beside the first.</summary>
    public ClusterSpec SpecWith(string dbUser, string? knownHosts = null)
    {
        var spec = SpecLoader.LoadFile(WriteSpec($"spec-{dbUser}-{Guid.NewGuid():N}.yaml", dbUser, knownHosts));
        Assert.Empty(SpecValidator.Validate(spec));
        return spec;
    }

    /// <summary>
    /// The spec over the lab for this cluster's transport. OpenSSH goes through the lab's ssh config by alias (sshHost);
    /// SSH.NET reads no ssh config, so it connects to the IPs as root with the lab's key named in the spec.
    /// </summary>
    public string WriteSpec(string name, string dbUser, string? knownHosts = null)
    {
        var path = Path.Combine(Directory, name);
        var openSsh = Transport == Transport.OpenSsh;
        var nodes = string.Join("\n", new[] { "Receiver", "Receiver", "Indexer, Dashboard", "Indexer, Dashboard", "Analyzer", "Analyzer" }
            .Select((roles, i) => $"  - {{ name: node{i + 1}, host: 10.77.0.{11 + i}, " + (openSsh ? $"sshHost: node{i + 1}, " : "") + $"roles: [{roles}] }}"));
        var transport = openSsh ? $"transport: openssh\nsshConfig: {_lab.SshConfig}" : "transport: sshnet";
        var key = openSsh ? "" : $"\n  sshKey: {_lab.SshKey}";
        File.WriteAllText(path, $@"name: lab
product: Das
pattern: FullyDistributed
{transport}
knownHosts: {knownHosts ?? _lab.KnownHosts}
jdbcDriver: {DriverName}
defaults:
  home: {_lab.Home}{key}
database:
  host: 10.77.0.10
  user: {dbUser}
spark:
  symlink: {SparkLink}
nodes:
{nodes}
");
        return path;
    }

    public async Task<IReadOnlyList<NodePublishResult>> ApplyAsync(IOperationReporter? reporter = null, PublishOptions? options = null,
        ClusterSpec? spec = null, bool acceptNewHostKeys = false)
    {
        spec ??= Spec;
        using var connections = RemoteShells.Open(spec, SshSettings.For(spec, acceptNewHostKeys: acceptNewHostKeys));
        return await new ConfigurationPublisher(spec, Secrets, connections, reporter).ApplyAsync(options ?? new PublishOptions(), CancellationToken.None);
    }

    public async Task<IReadOnlyList<NodePublishResult>> PlanAsync(ClusterSpec? spec = null)
    {
        spec ??= Spec;
        using var connections = RemoteShells.Open(spec, SshSettings.For(spec));
        return await new ConfigurationPublisher(spec, Secrets, connections).PlanAsync(new PublishOptions(), CancellationToken.None);
    }

    public async Task<IReadOnlyList<NodePublishResult>> RestoreAsync(PublishOptions options, ClusterSpec? spec = null)
    {
        spec ??= Spec;
        using var connections = RemoteShells.Open(spec, SshSettings.For(spec));
        return await new ConfigurationRestorer(spec, connections).RestoreAsync(options, CancellationToken.None);
    }

    /// <summary>Every file of the node's product home (its .dasops aside), read from the root namespace, with its mode.</summary>
    public IReadOnlyDictionary<string, (byte[] Bytes, UnixFileMode Mode)> Snapshot(string node)
    {
        var home = _lab.HomeOf(node);
        return System.IO.Directory.GetFiles(home, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(home, f).StartsWith(".dasops", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(home, f), f => (File.ReadAllBytes(f), File.GetUnixFileMode(f)));
    }

    public static void AssertSame(IReadOnlyDictionary<string, (byte[] Bytes, UnixFileMode Mode)> expected,
        IReadOnlyDictionary<string, (byte[] Bytes, UnixFileMode Mode)> actual, string node)
    {
        Assert.Equal(expected.Keys.OrderBy(k => k, StringComparer.Ordinal), actual.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var (path, (bytes, mode)) in expected)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(actual[path].Bytes), $"{node}: {path} differs");
            Assert.True(mode == actual[path].Mode, $"{node}: {path} has mode {actual[path].Mode}, expected {mode}");
        }
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}
