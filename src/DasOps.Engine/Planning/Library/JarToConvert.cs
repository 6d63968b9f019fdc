using System;

namespace DasOps.Engine.Planning.Library;

/// <summary>
/// A plain jar the product needs as an OSGi bundle, converted on each node by the product's own bin/jartobundle.sh.
/// The bundle's name is the converter's: the jar's name with every '-' made '_', less ".jar", plus "_1.0.0.jar".
/// </summary>
public sealed class JarToConvert
{
    public JarToConvert(string fileName, byte[] bytes, string purpose)
    {
        FileName = fileName;
        Bytes = bytes;
        Purpose = purpose;
        Sha256 = Hashing.Sha256(bytes);
        BundleFileName = BundleNameOf(fileName);
    }

    /// <summary>The jar's own file name, e.g. kafka-clients-0.10.0.0.jar.</summary>
    public string FileName { get; }

    internal byte[] Bytes { get; }

    /// <summary>What the jar is for, as the plan shows it: "JDBC driver", "Kafka client".</summary>
    public string Purpose { get; }

    public string Sha256 { get; }

    /// <summary>The bundle bin/jartobundle.sh makes of it, e.g. kafka_clients_0.10.0.0_1.0.0.jar.</summary>
    public string BundleFileName { get; }

    /// <summary>What a plan says a bundle will hold before the node has made it: stable, so a saved plan still matches at apply.</summary>
    public string PendingHash => "jartobundle:" + Sha256;

    public static string BundleNameOf(string jarFileName)
    {
        if (!jarFileName.EndsWith(".jar", StringComparison.Ordinal)) throw new ArgumentException($"{jarFileName} is not named *.jar", nameof(jarFileName));
        return jarFileName.Substring(0, jarFileName.Length - 4).Replace('-', '_') + "_1.0.0.jar";
    }
}
