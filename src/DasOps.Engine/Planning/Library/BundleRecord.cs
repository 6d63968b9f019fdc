using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DasOps.Engine.Planning.Library;

/// <summary>
/// HOME/.dasops/bundles: which jar each bundle DasOps had converted on the node came from (bundle, the jar's sha256,
/// the jar's name, one line each). The converter's output is not reproducible byte for byte, so "this bundle is up to
/// date" means: it is in lib, and this record says it was made from the very jar the spec names now. It is written in
/// the same switch as the bundles, so the two never disagree.
/// </summary>
public static class BundleRecord
{
    public const string Path = ".dasops/bundles";

    private const string Header = "# DasOps: the jars the OSGi bundles in the product's lib were converted from (bin/jartobundle.sh). Do not edit.\n";

    public static string Format(IEnumerable<JarToConvert> jars) =>
        Header + string.Concat(jars.OrderBy(j => j.BundleFileName, StringComparer.Ordinal).Select(j => $"{j.BundleFileName} {j.Sha256} {j.FileName}\n"));

    public static byte[] Bytes(IEnumerable<JarToConvert> jars) => new UTF8Encoding(false).GetBytes(Format(jars));

    /// <summary>Bundle file name to the sha256 of the jar it was made from; an unreadable line is ignored (the bundle is then made again).</summary>
    public static IReadOnlyDictionary<string, string> Parse(byte[]? content)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        if (content == null) return sources;
        foreach (var line in Encoding.UTF8.GetString(content).Split('\n'))
        {
            if (line.StartsWith("#", StringComparison.Ordinal)) continue;
            var fields = line.Split(' ');
            if (fields.Length >= 2 && fields[1].Length == 64) sources[fields[0]] = fields[1];
        }
        return sources;
    }
}
