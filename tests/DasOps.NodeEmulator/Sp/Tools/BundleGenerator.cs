using System.IO.Compression;
using System.Text;

namespace DasOps.NodeEmulator.Sp.Tools;

/// <summary>
/// BundleGeneratorUtils.convertFromJarToBundle of Carbon kernel 5.2.8: wraps one jar into an OSGi bundle
/// "&lt;name with '-' as '_'&gt;_1.0.0.jar" holding the jar itself, META-INF/MANIFEST.MF and META-INF/p2.inf. A bundle
/// already in the target directory is left alone. The checks run in the tool's order: the target is a directory, the
/// jar is not in it, the name ends with ".jar", its packages can be listed; only then is the bundle looked for.
/// </summary>
internal sealed class BundleGenerator(JulConsole log)
{
    private const string Source = "org.wso2.carbon.tools.converter.utils.BundleGeneratorUtils convertFromJarToBundle";
    private const string P2Inf = "instructions.configure=markStarted(started:true);";

    public void Convert(string jarFile, string targetDirectory)
    {
        if (!JavaPath.IsDirectory(targetDirectory))
            throw Refused("Path target directory does not point to a directory.");
        if (JavaPath.Parent(jarFile) == targetDirectory)
            throw Refused("Paths JAR file parent directory and target directory cannot be the same.");
        var jarName = JavaPath.FileName(jarFile) ?? throw Refused("Path representing the JAR file name has zero elements.");
        if (!jarName.EndsWith(".jar", StringComparison.Ordinal))
            throw Refused("Path jarFile does not point to a JAR file.");

        var packages = JarPackages.List(jarFile);
        var name = jarName.Replace('-', '_')[..^4];
        var bundleName = name + "_1.0.0.jar";
        var bundle = JavaPath.Get(targetDirectory, bundleName);
        if (JavaPath.FileExists(bundle))
        {
            log.Info(Source, $"OSGi bundle {bundleName} already exists in the target directory.");
            return;
        }

        var manifest = Jdk8Manifest.Write(
        [
            new("Manifest-Version", "1.0"),
            new("Bundle-ManifestVersion", "2"),
            new("Bundle-Name", name),
            new("Bundle-SymbolicName", name),
            new("Bundle-Version", "1.0.0"),
            new("Export-Package", string.Join(',', packages)),
            new("Bundle-ClassPath", ".," + jarName),
            new("DynamicImport-Package", "*"),
        ]);
        WriteBundle(jarFile, jarName, bundle, manifest);
        log.Info(Source, $"Created the OSGi bundle {bundleName} for JAR file {jarFile}");
    }

    /// <summary>
    /// The zip as zipfs writes it (entries in creation order: META-INF/, the jar, MANIFEST.MF, p2.inf), built under a
    /// temporary name in the target directory and renamed, so no half-written bundle is ever seen there.
    /// </summary>
    private static void WriteBundle(string jarFile, string jarName, string bundle, byte[] manifest)
    {
        var temp = JavaPath.Get(JavaPath.Parent(bundle) ?? ".", $".{JavaPath.FileName(bundle)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var zip = ZipFile.Open(temp, ZipArchiveMode.Create))
            {
                zip.CreateEntry("META-INF/");
                zip.CreateEntryFromFile(jarFile, jarName, CompressionLevel.Optimal);
                Add(zip, "META-INF/MANIFEST.MF", manifest);
                Add(zip, "META-INF/p2.inf", Encoding.UTF8.GetBytes(P2Inf));
            }
            File.Move(temp, bundle, overwrite: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw CaughtByTool.Io(e.Message, ToolFrames.CreateBundle);
        }
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        entry.Write(content);
    }

    private static CaughtByTool Refused(string message) => CaughtByTool.CarbonTool(message, ToolFrames.ConvertFromJarToBundle);
}
