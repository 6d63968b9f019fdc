using System.IO.Compression;

namespace DasOps.NodeEmulator.Sp.Tools;

/// <summary>
/// BundleGeneratorUtils.listPackages: the directory of every ".class" entry, '/' turned into '.', each once, in the
/// order the entries are met. The tool reads the jar through JDK 8's zip file system, whose paths start with '/', and
/// cuts "substring(1, lastSlash)": a class at the jar's root (lastSlash 0) throws StringIndexOutOfBoundsException,
/// which nothing catches, so the JVM dies. A file that is no zip makes JDK 8 zipfs throw ZipError, also uncaught.
/// </summary>
internal static class JarPackages
{
    public static List<string> List(string jarFile)
    {
        if (!JavaPath.FileExists(jarFile)) // e.g. a dangling link named *.jar in a source directory
            throw CaughtByTool.CarbonTool("Path represented by the zipFilePath does not exist.", ToolFrames.ListPackages);
        if (JavaPath.IsDirectory(jarFile))
            throw CaughtByTool.CarbonTool("Path zipFilePath may not exist or may not refer to a .zip or .jar file.", ToolFrames.ListPackages);
        var packages = new List<string>();
        foreach (var entry in Entries(jarFile))
        {
            if (entry.EndsWith('/') || !entry.EndsWith(".class", StringComparison.Ordinal))
                continue;
            var slash = ("/" + entry).LastIndexOf('/');
            if (slash == 0)
                throw new UncaughtByTool("java.lang.StringIndexOutOfBoundsException", "String index out of range: -1",
                    "java.lang.String.substring(String.java:1967)", ToolFrames.ListPackages, ToolFrames.ConvertFromJarToBundle, ToolFrames.Execute);
            var package = entry[..(slash - 1)].Replace('/', '.');
            if (!packages.Contains(package))
                packages.Add(package);
        }
        return packages;
    }

    private static List<string> Entries(string jarFile)
    {
        try
        {
            using var zip = ZipFile.OpenRead(jarFile);
            return zip.Entries.Select(e => e.FullName).ToList();
        }
        catch (InvalidDataException)
        {
            throw new UncaughtByTool("java.util.zip.ZipError", "zip END header not found",
                "com.sun.nio.zipfs.ZipFileSystem.zerror(ZipFileSystem.java)", ToolFrames.ListPackages, ToolFrames.ConvertFromJarToBundle, ToolFrames.Execute);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CaughtByTool.Io(e.Message, ToolFrames.ListPackages);
        }
    }
}
