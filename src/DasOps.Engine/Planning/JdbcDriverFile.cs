using System;
using System.IO;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Planning;

/// <summary>
/// The JDBC driver jar the spec names (jdbcDriver, relative to the spec file), read once per run for every node. It
/// must be a jar: the spec is code that names files to push, and anything but a zip would land in the product's lib
/// folder as a "driver" the server fails to load at start. Where it goes is <see cref="Library.LibraryJars"/>'s call.
/// </summary>
public static class JdbcDriverFile
{
    /// <summary>The jar's bytes; null when the spec names none. Throws <see cref="InputException"/> when it is missing or not a jar.</summary>
    public static byte[]? Read(ClusterSpec spec)
    {
        var path = SpecPaths.Resolve(spec, spec.JdbcDriver);
        if (path == null) return null;
        if (!File.Exists(path)) throw new InputException(InputErrorKind.FileNotFound, $"jdbcDriver {path} does not exist.", path);
        var bytes = File.ReadAllBytes(path);
        if (!IsZip(bytes)) throw new InputException(InputErrorKind.ParameterInvalid, $"jdbcDriver {path} is not a jar (a jar is a zip file, which starts with 'PK').", path);
        return bytes;
    }

    /// <summary>The jar's OSGi Bundle-SymbolicName, or null when its manifest has none (or it has no manifest).</summary>
    public static string? BundleNameOf(byte[] jar)
    {
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(jar), System.IO.Compression.ZipArchiveMode.Read);
            var entry = zip.GetEntry("META-INF/MANIFEST.MF");
            if (entry == null) return null;
            using var reader = new StreamReader(entry.Open());
            string? line;
            while ((line = reader.ReadLine()) != null)
                if (line.StartsWith("Bundle-SymbolicName:", StringComparison.OrdinalIgnoreCase))
                    return line.Substring("Bundle-SymbolicName:".Length).Split(';')[0].Trim();
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>A local file header (PK 03 04) or the end record of an empty archive (PK 05 06).</summary>
    public static bool IsZip(byte[] bytes) =>
        bytes.Length >= 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K'
        && ((bytes[2] == 3 && bytes[3] == 4) || (bytes[2] == 5 && bytes[3] == 6));
}
