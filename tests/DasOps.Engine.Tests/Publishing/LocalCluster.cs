using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Publishing;
using DasOps.Engine.Secrets;
using DasOps.Engine.Spec;
using Xunit;

namespace DasOps.Engine.Tests.Publishing;

/// <summary>Two minimum-HA nodes whose product homes are copies of the fixture in a temp directory, run through local shells.</summary>
public sealed class LocalCluster : IDisposable
{
    public const string Password = "p<&\"'$;x]]>";

    public LocalCluster(string dbUser = "wso2das", bool withSymlink = false, bool withDriver = false)
    {
        Root = Path.Combine(Path.GetTempPath(), "dasops-pub-" + Guid.NewGuid().ToString("N").Substring(0, 10));
        foreach (var node in new[] { "n1", "n2" }) CopyFixture(Path.Combine(Root, node));
        if (withDriver)
        {
            Driver = Path.Combine(Root, "mysql-connector-java-5.1.49.jar");
            // A jar is a zip: DasOps refuses anything else as a driver.
            using var jar = System.IO.Compression.ZipFile.Open(Driver, System.IO.Compression.ZipArchiveMode.Create);
            using var entry = jar.CreateEntry("com/mysql/jdbc/Driver.class", System.IO.Compression.CompressionLevel.NoCompression).Open();
            entry.Write(Enumerable.Range(0, 70_000).Select(i => (byte)(i * 31 % 251)).ToArray());
        }
        Spec = SpecFor(dbUser, withSymlink);
    }

    public string Root { get; }
    public string? Driver { get; }
    public ClusterSpec Spec { get; private set; }
    public string Link => Path.Combine(Root, "das-link");

    public static ClusterSecrets Secrets => new ClusterSecrets { DatabasePassword = Password };

    public ClusterSpec SpecFor(string dbUser, bool withSymlink = false)
    {
        var yaml = $@"name: local
product: IsAnalytics
pattern: MinimumHa
{(Driver != null ? "jdbcDriver: " + Driver : "")}
database:
  host: 10.77.0.10
  user: {dbUser}
{(withSymlink ? "spark:\n  symlink: " + Link : "")}
nodes:
  - {{ name: n1, host: 10.77.0.11, home: {Path.Combine(Root, "n1")} }}
  - {{ name: n2, host: 10.77.0.12, home: {Path.Combine(Root, "n2")} }}
";
        var spec = SpecLoader.Load(yaml, "local.yaml");
        Assert.Empty(SpecValidator.Validate(spec));
        return spec;
    }

    public string PathOf(string node, string relative) => Path.Combine(Root, node, relative);

    public ConfigurationPublisher Publisher(RecordingReporter? reporter = null, ClusterSpec? spec = null) =>
        new ConfigurationPublisher(spec ?? Spec, Secrets, new LocalShells(), reporter);

    public Task<IReadOnlyList<NodePublishResult>> ApplyAsync(PublishOptions? options = null, RecordingReporter? reporter = null, ClusterSpec? spec = null) =>
        Publisher(reporter, spec).ApplyAsync(options ?? new PublishOptions(), CancellationToken.None);

    public Task<IReadOnlyList<NodePublishResult>> PlanAsync(PublishOptions? options = null, ClusterSpec? spec = null) =>
        Publisher(null, spec).PlanAsync(options ?? new PublishOptions(), CancellationToken.None);

    /// <summary>Every file under a node's home (the .dasops directory aside) with its bytes and mode.</summary>
    public IReadOnlyDictionary<string, (byte[] Bytes, int Mode)> Snapshot(string node)
    {
        var home = Path.Combine(Root, node);
        return Directory.GetFiles(home, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + ".dasops" + Path.DirectorySeparatorChar))
            .ToDictionary(f => Path.GetRelativePath(home, f), f => (File.ReadAllBytes(f), ModeOf(f)));
    }

    public static int ModeOf(string path) => (int)File.GetUnixFileMode(path);

    private static void CopyFixture(string home)
    {
        foreach (var file in Directory.GetFiles(SourceTree.Fixture, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(SourceTree.Fixture, file);
            if (relative == "README.md" || relative == ".gitattributes") continue;
            var target = Path.Combine(home, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetUnixFileMode(target, relative.EndsWith(".sh") ? (UnixFileMode)0x1ED : (UnixFileMode)0x1A4);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
