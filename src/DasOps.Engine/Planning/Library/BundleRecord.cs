using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DasOps.Engine.Planning.Library;

/// <summary>
/// HOME/.dasops/bundles: for each OSGi bundle DasOps had converted on the node, the jar it was made from (sha256 and
/// name) and the bundle's own sha256, one line each. The converter's output is not reproducible byte for byte, so "this
/// bundle is up to date" means: it is in lib with the bytes recorded, and was made from the very jar the spec names
/// now. It is written in the same switch as the bundles, so the two never disagree.
/// </summary>
public static class BundleRecord
{
    public const string Path = ".dasops/bundles";

    /// <summary>Stands for a bundle's hash in a plan, before the node has made it.</summary>
    public const string Pending = "pending";

    private const string Header = "# DasOps: the jars the OSGi bundles in the product's lib were made from by bin/jartobundle.sh. Do not edit.\n" +
                                  "# bundle jar-sha256 bundle-sha256 jar\n";

    public static byte[] Bytes(IEnumerable<(JarToConvert Jar, string BundleHash)> bundles) =>
        new UTF8Encoding(false).GetBytes(Header + string.Concat(bundles.OrderBy(b => b.Jar.BundleFileName, StringComparer.Ordinal)
            .Select(b => $"{b.Jar.BundleFileName} {b.Jar.Sha256} {b.BundleHash} {b.Jar.FileName}\n")));

    /// <summary>
    /// Bundle file name to the jar it was made from (hash and name) and its own hash. An unreadable line is ignored (the
    /// bundle is then made again, or, no longer named, left alone), and so is a name bin/jartobundle.sh would not make:
    /// the record comes from the node, and a name in it may become a path DasOps removes.
    /// </summary>
    public static IReadOnlyDictionary<string, (string JarHash, string BundleHash, string JarName)> Parse(byte[]? content)
    {
        var entries = new Dictionary<string, (string, string, string)>(StringComparer.Ordinal);
        if (content == null) return entries;
        foreach (var line in Encoding.UTF8.GetString(content).Split('\n'))
        {
            if (line.StartsWith("#", StringComparison.Ordinal)) continue;
            var fields = line.Split(' ');
            if (fields.Length >= 3 && fields[1].Length == 64 && fields[2].Length == 64 && LibraryJars.IsBundleName(fields[0]))
                entries[fields[0]] = (fields[1], fields[2], fields.Length >= 4 && LibraryJars.IsPassableName(fields[3]) ? fields[3] : "(unnamed)");
        }
        return entries;
    }
}
