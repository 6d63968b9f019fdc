using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Planning;
using DasOps.Engine.Planning.Library;
using DasOps.Engine.Secrets;
using DasOps.Engine.Spec;
using DasOps.Engine.Tests.Support;
using Xunit;

namespace DasOps.Engine.Tests.Planning;

/// <summary>
/// The jars a spec puts into the product's lib: which are copied and which are converted on the node by
/// bin/jartobundle.sh, what the plan says of a bundle before and after the node made it, and the refusals.
/// </summary>
public sealed class LibraryJarsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dasops-library-jars-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ClusterSpec Spec(string kafkaExtra, string? driver = null)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "examples", "sp-distributed.yaml"))
            .Where(l => !l.StartsWith("jdbcDriver:", StringComparison.Ordinal))
            .Select(l => l.StartsWith("    zooKeeper:", StringComparison.Ordinal) ? l + "\n" + kafkaExtra : l);
        var text = (driver != null ? $"jdbcDriver: {driver}\n" : "") + string.Join("\n", lines) + "\n";
        var path = Path.Combine(_dir, "sp.yaml");
        File.WriteAllText(path, text);
        return SpecLoader.Load(text, path);
    }

    private string Jar(string relative, string? manifest = null, params string[] classes)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            if (manifest != null)
                using (var w = new StreamWriter(zip.CreateEntry("META-INF/MANIFEST.MF").Open())) w.Write(manifest);
            foreach (var c in classes.DefaultIfEmpty("org/example/A.class"))
                using (var w = new StreamWriter(zip.CreateEntry(c).Open())) w.Write(c);
        }
        return path;
    }

    [Fact]
    public void Bundles_are_named_the_way_the_carbon_converter_names_them()
    {
        Assert.Equal("kafka_2.11_0.10.0.0_1.0.0.jar", JarToConvert.BundleNameOf("kafka_2.11-0.10.0.0.jar"));
        Assert.Equal("kafka_clients_0.10.0.0_1.0.0.jar", JarToConvert.BundleNameOf("kafka-clients-0.10.0.0.jar"));
        Assert.Throws<ArgumentException>(() => JarToConvert.BundleNameOf("kafka-clients.zip"));
    }

    [Fact]
    public void Kafka_client_jars_from_files_and_directories_are_converted_and_bundles_among_them_copied()
    {
        Jar("kafka/kafka-clients-0.10.0.0.jar");
        Jar("kafka/zkclient-0.8.jar");
        File.WriteAllText(Path.Combine(_dir, "kafka", "README.txt"), "not a jar");
        Jar("more/metrics-core-2.2.0.jar", "Manifest-Version: 1.0\r\nBundle-SymbolicName: com.yammer.metrics.core\r\n");
        var jars = LibraryJars.Read(Spec("    clientJars: [kafka, more/metrics-core-2.2.0.jar]"));

        Assert.Equal(new[] { "lib/kafka_clients_0.10.0.0_1.0.0.jar", "lib/zkclient_0.8_1.0.0.jar" }, jars.Converted.Select(jars.BundlePathOf));
        Assert.All(jars.Converted, j => Assert.Equal("Kafka client", j.Purpose));
        Assert.Equal("lib/metrics-core-2.2.0.jar", Assert.Single(jars.Copied).Path);
        Assert.Contains(BundleRecord.Path, jars.ManagedPaths);
    }

    [Fact]
    public void A_missing_path_a_non_jar_a_bad_name_an_empty_directory_and_two_jars_for_one_bundle_are_refused()
    {
        var missing = Assert.Throws<InputException>(() => LibraryJars.Read(Spec("    clientJars: [nowhere/kafka.jar]")));
        Assert.Contains("does not exist", missing.Message);
        Assert.Contains("sp.yaml:", missing.Message);

        File.WriteAllText(Path.Combine(_dir, "fake.jar"), "PK? no");
        Assert.Contains("is not a jar", Assert.Throws<InputException>(() => LibraryJars.Read(Spec("    clientJars: [fake.jar]"))).Message);

        Jar("odd name$.jar");
        Assert.Contains("rename 'odd name$.jar'", Assert.Throws<InputException>(() => LibraryJars.Read(Spec("    clientJars: ['odd name$.jar']"))).Message);

        Directory.CreateDirectory(Path.Combine(_dir, "empty"));
        Assert.Contains("holds no *.jar", Assert.Throws<InputException>(() => LibraryJars.Read(Spec("    clientJars: [empty]"))).Message);

        Jar("a-b.jar");
        Jar("a_b.jar");
        var clash = Assert.Throws<InputException>(() => LibraryJars.Read(Spec("    clientJars: [a-b.jar, a_b.jar]")));
        Assert.Contains("lib/a_b_1.0.0.jar", clash.Message);
    }

    [Fact]
    public void A_bundle_is_planned_from_its_record_and_made_only_when_absent_from_another_jar_changed_or_not_ours()
    {
        Jar("kafka/kafka-clients-0.10.0.0.jar");
        var spec = Spec("    clientJars: [kafka]");
        var jars = LibraryJars.Read(spec);
        var jar = Assert.Single(jars.Converted);
        var node = spec.FindNode("mgr1")!;
        var bundleHash = new string('b', 64);
        var record = BundleRecord.Bytes(new[] { (jar, bundleHash) });

        NodePlan Plan(Func<string, CurrentFile> lib) => PlanOnStock(spec, node, jars, lib);
        FilePlan Bundle(NodePlan plan) => plan.Files.Single(f => f.Path == "lib/kafka_clients_0.10.0.0_1.0.0.jar");

        var absentPlan = Plan(CurrentFile.Missing);
        var absent = Bundle(absentPlan);
        Assert.Equal(FileChange.Created, absent.Change);
        Assert.Equal("jartobundle:" + jar.Sha256, absent.DesiredHash);
        Assert.Contains("bin/jartobundle.sh will make it from the Kafka client jar kafka-clients-0.10.0.0.jar", absent.Diff);
        Assert.Equal("kafka-clients-0.10.0.0.jar", absent.ConvertedFrom);
        Assert.Contains($"kafka_clients_0.10.0.0_1.0.0.jar {jar.Sha256} pending kafka-clients-0.10.0.0.jar",
            Encoding.UTF8.GetString(absentPlan.Files.Single(f => f.Path == BundleRecord.Path).Desired));

        var upToDate = Bundle(Plan(p => p == BundleRecord.Path ? CurrentFile.WithContent(p, record) : CurrentFile.WithHash(p, bundleHash)));
        Assert.Equal(FileChange.Unchanged, upToDate.Change);
        Assert.Equal(bundleHash, upToDate.DesiredHash);

        var edited = Bundle(Plan(p => p == BundleRecord.Path ? CurrentFile.WithContent(p, record) : CurrentFile.WithHash(p, new string('e', 64))));
        Assert.Equal(FileChange.Modified, edited.Change);
        Assert.Contains("(changed since DasOps made it)", edited.Diff);

        var otherJar = Encoding.UTF8.GetBytes($"{jar.BundleFileName} {new string('c', 64)} {bundleHash} kafka-clients-0.10.0.0.jar\n");
        var stale = Bundle(Plan(p => p == BundleRecord.Path ? CurrentFile.WithContent(p, otherJar) : CurrentFile.WithHash(p, bundleHash)));
        Assert.Equal(FileChange.Modified, stale.Change);
        Assert.Contains("(made from another jar)", stale.Diff);

        var foreign = Bundle(Plan(p => p == BundleRecord.Path ? CurrentFile.Missing(p) : CurrentFile.WithHash(p, bundleHash)));
        Assert.Contains("(not made by DasOps)", foreign.Diff);

        var made = absent.WithConverted(new byte[] { 1, 2, 3 });
        Assert.Equal(Hashing.Sha256(new byte[] { 1, 2, 3 }), made.DesiredHash);
        Assert.Equal(FileChange.Created, made.Change);
        Assert.False(made.AwaitsConversion);
        Assert.True(absent.AwaitsConversion);

        // Once the node made it, the record names the bundle's real hash.
        var converted = new NodePlan(absentPlan.Node, absentPlan.Home, absentPlan.Files.Select(f => f.AwaitsConversion ? f.WithConverted(new byte[] { 1, 2, 3 }) : f).ToList());
        var final = ConfigurationPlanner.WithBundleRecord(converted, CurrentFile.Missing(BundleRecord.Path));
        Assert.Equal(BundleRecord.Bytes(new[] { (jar, Hashing.Sha256(new byte[] { 1, 2, 3 })) }), final.Files.Single(f => f.Path == BundleRecord.Path).Desired);
    }

    [Fact]
    public void A_bundle_made_for_a_jar_no_longer_named_is_removed_while_it_holds_what_DasOps_made_and_leaves_the_record()
    {
        Jar("kafka/kafka-clients-0.10.0.1.jar");
        var spec = Spec("    clientJars: [kafka]");
        var jars = LibraryJars.Read(spec);
        var now = Assert.Single(jars.Converted);
        var node = spec.FindNode("mgr1")!;
        // The record of an earlier run: the 0.10.0.0 client, since replaced by 0.10.0.1, and a line naming a path outside lib.
        var oldBundle = new string('b', 64);
        var record = Encoding.UTF8.GetBytes($"kafka_clients_0.10.0.0_1.0.0.jar {new string('a', 64)} {oldBundle} kafka-clients-0.10.0.0.jar\n" +
                                            $"../../etc/x_1.0.0.jar {new string('a', 64)} {oldBundle} x.jar\n");
        const string oldPath = "lib/kafka_clients_0.10.0.0_1.0.0.jar";
        Assert.Equal(new[] { oldPath }, jars.NoLongerNamed(BundleRecord.Parse(record)).Select(jars.BundlePathOf));

        NodePlan Plan(string? oldHash) => PlanOnStock(spec, node, jars,
            p => p == BundleRecord.Path ? CurrentFile.WithContent(p, record) : p == oldPath && oldHash != null ? CurrentFile.WithHash(p, oldHash) : CurrentFile.Missing(p));

        var plan = Plan(oldBundle);
        var removed = plan.Files.Single(f => f.Path == oldPath);
        Assert.Equal(FileChange.Removed, removed.Change);
        Assert.Null(removed.DesiredHash);
        Assert.Equal(oldBundle, removed.CurrentHash);
        Assert.Equal("OSGi bundle lib/kafka_clients_0.10.0.0_1.0.0.jar (made by bin/jartobundle.sh from kafka-clients-0.10.0.0.jar, which the spec no longer names): removed\n", removed.Diff);
        Assert.Contains(" removed   lib/kafka_clients_0.10.0.0_1.0.0.jar  bbbbbbbbbbbb -> (none)\n", PlanText.Format(new[] { plan }, withDiffs: false));
        // The new bundle is made, and the record names only it.
        Assert.Equal(FileChange.Created, plan.Files.Single(f => f.Path == jars.BundlePathOf(now)).Change);
        var newRecord = Encoding.UTF8.GetString(plan.Files.Single(f => f.Path == BundleRecord.Path).Desired);
        Assert.DoesNotContain("0.10.0.0", newRecord);
        Assert.Contains("kafka_clients_0.10.0.1_1.0.0.jar", newRecord);

        // Changed since DasOps made it, or already gone: left alone, and only dropped from the record.
        foreach (var plan2 in new[] { Plan(new string('e', 64)), Plan(null) })
        {
            Assert.DoesNotContain(plan2.Files, f => f.Path == oldPath);
            Assert.DoesNotContain("0.10.0.0", Encoding.UTF8.GetString(plan2.Files.Single(f => f.Path == BundleRecord.Path).Desired));
        }
    }

    [Fact]
    public void With_no_jar_left_to_convert_the_old_bundles_go_and_the_record_is_emptied_and_without_a_record_nothing_is_planned()
    {
        var spec = Spec("");
        var jars = LibraryJars.Read(spec);
        Assert.Empty(jars.Converted);
        Assert.Contains(BundleRecord.Path, jars.ManagedPaths);
        var node = spec.FindNode("wrk1")!;
        var oldBundle = new string('b', 64);
        var record = Encoding.UTF8.GetBytes($"zkclient_0.8_1.0.0.jar {new string('a', 64)} {oldBundle} zkclient-0.8.jar\n");

        var plan = PlanOnStock(spec, node, jars, p => p == BundleRecord.Path ? CurrentFile.WithContent(p, record) : CurrentFile.WithHash(p, oldBundle));
        Assert.Equal(FileChange.Removed, plan.Files.Single(f => f.Path == "lib/zkclient_0.8_1.0.0.jar").Change);
        var emptied = plan.Files.Single(f => f.Path == BundleRecord.Path);
        Assert.Equal(FileChange.Modified, emptied.Change);
        Assert.Empty(BundleRecord.Parse(emptied.Desired));

        var none = PlanOnStock(spec, node, jars, CurrentFile.Missing);
        Assert.DoesNotContain(none.Files, f => f.Path.StartsWith("lib/", StringComparison.Ordinal) || f.Path == BundleRecord.Path);
    }

    [Fact]
    public void The_record_names_each_bundle_with_the_hashes_of_its_jar_and_itself_and_reads_back()
    {
        Jar("kafka/kafka-clients-0.10.0.0.jar");
        Jar("kafka/zookeeper-3.4.6.jar");
        var jars = LibraryJars.Read(Spec("    clientJars: [kafka]"));
        var bundle = new string('d', 64);
        var parsed = BundleRecord.Parse(BundleRecord.Bytes(jars.Converted.Select(j => (j, bundle))));
        Assert.Equal(jars.Converted.Select(j => $"{j.BundleFileName} {j.Sha256} {bundle}").OrderBy(x => x),
            parsed.Select(p => $"{p.Key} {p.Value.JarHash} {p.Value.BundleHash}").OrderBy(x => x));
        Assert.Empty(BundleRecord.Parse(Encoding.UTF8.GetBytes("# only a comment\ngarbage\nx.jar " + new string('a', 64) + " pending x.jar\n")));
    }

    [Fact]
    public void A_restore_accepts_bundle_named_paths_in_lib_even_when_their_jars_are_gone()
    {
        var spec = Spec("    clientJars: [gone-directory]");
        Assert.True(LibraryJars.IsBundlePath(spec, "lib/kafka_clients_0.10.0.0_1.0.0.jar"));
        Assert.False(LibraryJars.IsBundlePath(spec, "lib/kafka-clients-0.10.0.0.jar"));
        Assert.False(LibraryJars.IsBundlePath(spec, "lib/sub/x_1.0.0.jar"));
        Assert.False(LibraryJars.IsBundlePath(spec, "conf/x_1.0.0.jar"));
    }

    [Fact]
    public void The_converters_answer_is_parsed_and_a_damaged_bundle_refused()
    {
        var bundle = new byte[] { (byte)'P', (byte)'K', 3, 4, (byte)'\n', 0 };
        byte[] Answer(string hash) => Encoding.ASCII.GetBytes($"B {bundle.Length} {hash} x_1.0.0.jar\n").Concat(bundle).Concat(Encoding.ASCII.GetBytes("\nCONVERTED\n")).ToArray();

        var parsed = DasOps.Engine.Publishing.BundleConversion.ParseBundles("mgr1", Answer(Hashing.Sha256(bundle)));
        Assert.Equal(bundle, parsed["x_1.0.0.jar"]);
        var damaged = Assert.Throws<DasOps.Engine.Publishing.NodeOperationException>(() => DasOps.Engine.Publishing.BundleConversion.ParseBundles("mgr1", Answer(new string('0', 64))));
        Assert.Contains("arrived damaged", damaged.Message);
        Assert.Throws<DasOps.Engine.Publishing.NodeOperationException>(() => DasOps.Engine.Publishing.BundleConversion.ParseBundles("mgr1", Answer(Hashing.Sha256(bundle)).Take(10).ToArray()));
    }

    [Fact]
    public void Java_home_is_read_from_defaults_and_nodes_and_must_be_absolute()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "sp-distributed.yaml"))
            .Replace("{ name: mgr2, host: 10.77.0.12,", "{ name: mgr2, javaHome: jdk8, host: 10.77.0.12,");
        var spec = SpecLoader.Load(text, "sp.yaml");
        Assert.Contains("  javaHome: /usr/lib/jvm/java-8-openjdk-amd64", text);
        Assert.Equal("/usr/lib/jvm/java-8-openjdk-amd64", spec.JavaHomeOf(spec.FindNode("mgr1")!));
        Assert.Equal("jdk8", spec.JavaHomeOf(spec.FindNode("mgr2")!));
        var error = Assert.Single(SpecValidator.Validate(spec), e => e.Code == "InvalidPath");
        Assert.Contains("javaHome 'jdk8' must be an absolute path without spaces", error.Message);
        var spaced = SpecLoader.Load(text.Replace("javaHome: jdk8", "javaHome: '/opt/my jdk'"), "sp.yaml");
        Assert.Contains(SpecValidator.Validate(spaced), e => e.Code == "InvalidPath" && e.Message.Contains("'/opt/my jdk'"));
        Assert.Contains("javaHome: /usr/lib/jvm/java-8-openjdk-amd64", SpecWriter.ToYaml(spec));
    }

    /// <summary>The node's plan over the stock conf files, with <paramref name="lib"/> for everything else (lib and the record).</summary>
    private static NodePlan PlanOnStock(ClusterSpec spec, NodeSpec node, LibraryJars jars, Func<string, CurrentFile> lib) =>
        ConfigurationPlanner.PlanNode(spec, node, new ClusterSecrets { DatabasePassword = "pw" }, p => Stock(p) ?? lib(p), jars);

    private static CurrentFile? Stock(string path)
    {
        var file = Path.Combine(RepoPaths.SpStock, path);
        return path.StartsWith("conf/", StringComparison.Ordinal) && File.Exists(file) ? CurrentFile.WithContent(path, File.ReadAllBytes(file)) : null;
    }
}
