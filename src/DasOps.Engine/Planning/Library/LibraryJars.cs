using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Products;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Planning.Library;

/// <summary>
/// Every jar the spec puts into the product's lib folder, read once per run for every node: the JDBC driver and, for
/// Stream Processor on Kafka, the Kafka client jars. Stream Processor (Carbon kernel 5) wires only OSGi bundles from
/// &lt;SP_HOME&gt;/lib, so there a plain jar is converted on the node (<see cref="Converted"/>) and a bundle is copied.
/// </summary>
public sealed class LibraryJars
{
    private LibraryJars(IReadOnlyList<JarToCopy> copied, IReadOnlyList<JarToConvert> converted, string libDirectory, bool convertsPlainJars)
    {
        Copied = copied;
        Converted = converted;
        LibDirectory = libDirectory;
        ConvertsPlainJars = convertsPlainJars;
    }

    public static LibraryJars None { get; } = new LibraryJars(Array.Empty<JarToCopy>(), Array.Empty<JarToConvert>(), "", false);

    public IReadOnlyList<JarToCopy> Copied { get; }

    public IReadOnlyList<JarToConvert> Converted { get; }

    public string LibDirectory { get; }

    /// <summary>The product wires only OSGi bundles, made on the node from plain jars (Stream Processor); DasOps keeps their record.</summary>
    public bool ConvertsPlainJars { get; }

    /// <summary>Where a converted jar's bundle goes on the node.</summary>
    public string BundlePathOf(JarToConvert jar) => LibDirectory + "/" + jar.BundleFileName;

    /// <summary>Where a bundle named in the record goes on the node.</summary>
    public string BundlePathOf(string bundleFileName) => LibDirectory + "/" + bundleFileName;

    /// <summary>
    /// Every path under the home these jars manage: the copies, the bundles and, where bundles are made, their record
    /// (read even when the spec names no jar to convert now: bundles made for an earlier spec are to be removed).
    /// </summary>
    public IEnumerable<string> ManagedPaths =>
        Copied.Select(c => c.Path).Concat(Converted.Select(BundlePathOf)).Concat(ConvertsPlainJars ? new[] { BundleRecord.Path } : Array.Empty<string>());

    /// <summary>
    /// The bundles the record names that the spec no longer gives (a jar dropped from clientJars, or another version of
    /// it), by file name: to be read (<see cref="BundlePathOf(string)"/>) and, when they still hold what DasOps made, removed.
    /// </summary>
    public IReadOnlyList<string> NoLongerNamed(IReadOnlyDictionary<string, (string JarHash, string BundleHash, string JarName)> record)
    {
        var managed = new HashSet<string>(ManagedPaths, StringComparer.Ordinal);
        return record.Keys.Where(name => !managed.Contains(BundlePathOf(name))).OrderBy(name => name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Reads and checks the spec's jars. Throws <see cref="InputException"/> naming the file: missing, not a jar, a name DasOps will not pass on, or two jars for one place.</summary>
    public static LibraryJars Read(ClusterSpec spec)
    {
        var product = ProductCatalog.For(spec);
        var lib = product.LibDirectory;
        var convertsPlainJars = product.JarToBundleScript != null;
        var copied = new List<JarToCopy>();
        var converted = new List<JarToConvert>();

        void Add(string path, byte[] bytes, string purpose)
        {
            var name = System.IO.Path.GetFileName(path);
            if (convertsPlainJars && JdbcDriverFile.BundleNameOf(bytes) == null)
            {
                CheckPassableName(path, name);
                converted.Add(new JarToConvert(name, bytes, purpose));
            }
            else copied.Add(new JarToCopy(lib + "/" + name, bytes));
        }

        if (JdbcDriverFile.Read(spec) is { } driver) Add(SpecPaths.Resolve(spec, spec.JdbcDriver)!, driver, "JDBC driver");
        foreach (var entry in spec.StreamProcessor.Kafka?.ClientJars ?? new List<SpecPath>())
            foreach (var file in JarsAt(spec, entry))
                Add(file, ReadJar(file), "Kafka client");

        var places = copied.Select(c => c.Path).Concat(converted.Select(c => lib + "/" + c.BundleFileName)).ToList();
        var clash = places.GroupBy(p => p, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash != null)
            throw new InputException(InputErrorKind.ParameterInvalid,
                $"two of the spec's jars would both become {clash.Key} (bin/jartobundle.sh names a bundle after its jar, with '-' made '_'); name each jar once.", clash.Key);
        return new LibraryJars(copied, converted, lib, convertsPlainJars);
    }

    /// <summary>
    /// Every lib path the spec's jars may have been written to, from their names alone (a restore must work when the
    /// jars themselves are gone): each jar as copied and, for Stream Processor, as its bundle; and the bundles' record.
    /// </summary>
    public static ISet<string> PossiblePathsOf(ClusterSpec spec)
    {
        var product = ProductCatalog.For(spec);
        var lib = product.LibDirectory;
        var names = new List<string>();
        if (spec.JdbcDriver != null) names.Add(System.IO.Path.GetFileName(spec.JdbcDriver));
        foreach (var entry in spec.StreamProcessor.Kafka?.ClientJars ?? new List<SpecPath>())
        {
            var path = SpecPaths.Resolve(spec, entry.Value)!;
            names.AddRange(Directory.Exists(path) ? Directory.GetFiles(path, "*.jar").Select(System.IO.Path.GetFileName)! : new[] { System.IO.Path.GetFileName(path) });
        }
        var paths = new HashSet<string>(names.Select(n => lib + "/" + n), StringComparer.Ordinal);
        if (product.JarToBundleScript != null)
        {
            foreach (var name in names.Where(n => n.EndsWith(".jar", StringComparison.Ordinal))) paths.Add(lib + "/" + JarToConvert.BundleNameOf(name));
            paths.Add(BundleRecord.Path);
        }
        return paths;
    }

    /// <summary>
    /// A path in the product's lib named the way bin/jartobundle.sh names bundles: DasOps may have made it, for a jar in a
    /// clientJars directory that has changed or gone since (a restore must still put it back).
    /// </summary>
    public static bool IsBundlePath(ClusterSpec spec, string path)
    {
        var product = ProductCatalog.For(spec);
        if (product.JarToBundleScript == null || !path.StartsWith(product.LibDirectory + "/", StringComparison.Ordinal)) return false;
        return IsBundleName(path.Substring(product.LibDirectory.Length + 1));
    }

    /// <summary>A file name bin/jartobundle.sh could have made: a passable jar name ending in _1.0.0.jar, no '-' (made '_'), no '/'.</summary>
    public static bool IsBundleName(string name) =>
        name.EndsWith("_1.0.0.jar", StringComparison.Ordinal) && IsPassableName(name) && name.IndexOf('-') < 0;

    private static IEnumerable<string> JarsAt(ClusterSpec spec, SpecPath entry)
    {
        var path = SpecPaths.Resolve(spec, entry.Value)!;
        if (Directory.Exists(path))
        {
            var jars = Directory.GetFiles(path, "*.jar").OrderBy(f => f, StringComparer.Ordinal).ToList();
            if (jars.Count == 0)
                throw new InputException(InputErrorKind.FileNotFound, $"streamProcessor.kafka.clientJars: directory {path} ({entry.Location}) holds no *.jar.", path);
            return jars;
        }
        if (!File.Exists(path))
            throw new InputException(InputErrorKind.FileNotFound, $"streamProcessor.kafka.clientJars: {path} ({entry.Location}) does not exist.", path);
        return new[] { path };
    }

    private static byte[] ReadJar(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (!path.EndsWith(".jar", StringComparison.Ordinal) || !JdbcDriverFile.IsZip(bytes))
            throw new InputException(InputErrorKind.ParameterInvalid, $"streamProcessor.kafka.clientJars: {path} is not a jar (a *.jar file that is a zip, starting with 'PK').", path);
        return bytes;
    }

    /// <summary>The name travels to the node as a field and lands in the record; only the characters jar names use.</summary>
    internal static bool IsPassableName(string name) =>
        name.EndsWith(".jar", StringComparison.Ordinal) && !name.StartsWith("-", StringComparison.Ordinal) && !name.StartsWith(".", StringComparison.Ordinal)
        && name.All(c => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '+');

    private static void CheckPassableName(string path, string name)
    {
        if (!IsPassableName(name))
            throw new InputException(InputErrorKind.ParameterInvalid,
                $"{path}: DasOps converts only jars named with letters, digits and . _ - + and ending in .jar; rename '{name}'.", path);
    }
}
