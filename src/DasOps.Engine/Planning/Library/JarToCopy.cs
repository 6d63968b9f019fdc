namespace DasOps.Engine.Planning.Library;

/// <summary>A jar copied into the product's lib folder as it is (a DAS driver, or a jar that already is an OSGi bundle).</summary>
public sealed class JarToCopy
{
    public JarToCopy(string path, byte[] bytes)
    {
        Path = path;
        Bytes = bytes;
    }

    /// <summary>Relative to the product home, e.g. lib/mysql-connector-java-5.1.49.jar.</summary>
    public string Path { get; }

    internal byte[] Bytes { get; }
}
