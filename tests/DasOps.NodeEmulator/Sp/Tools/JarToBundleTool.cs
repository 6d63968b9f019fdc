namespace DasOps.NodeEmulator.Sp.Tools;

/// <summary>
/// BundleGeneratorTool.execute of Carbon kernel 5.2.8, run by bin/jartobundle.sh with (source, destination, the
/// directory the script was run in). Relative paths are resolved against that directory. A source file is converted;
/// a source directory has each entry whose path ends with ".jar" converted (not recursively). The first failure ends
/// the run with one SEVERE record; every problem is only logged, and the JVM still exits 0.
/// </summary>
internal sealed class JarToBundleTool(JulConsole log)
{
    private const string Source = "org.wso2.carbon.tools.converter.BundleGeneratorTool execute";

    public void Execute(IReadOnlyList<string> args)
    {
        if (args.Count != 3 || args.Any(a => a.Length == 0))
        {
            log.Info(Source, "Improper usage detected. Usage: jartobundle.sh/.bat [source file/directory] [destination folder], " +
                             "both arguments source and destination are compulsory");
            return;
        }
        var source = Resolve(args[0], args[2]);
        var destination = Resolve(args[1], args[2]);
        if (source == null || destination == null)
        {
            log.Warning(Source, "Invalid file path(s)");
            return;
        }
        if (!JavaPath.IsReadable(source) || !JavaPath.IsWritable(destination))
        {
            log.Warning(Source, "The source location and/or bundle destination does not have appropriate read/write permissions.");
            return;
        }

        var generator = new BundleGenerator(log);
        try
        {
            if (!JavaPath.IsDirectory(source))
            {
                generator.Convert(source, destination);
                return;
            }
            foreach (var entry in ListDirectory(source).Where(e => e.EndsWith(".jar", StringComparison.Ordinal)))
                generator.Convert(entry, destination);
        }
        catch (CaughtByTool e)
        {
            log.Severe(Source, "An error occurred when making the JAR (Java Archive) to OSGi bundle conversion", e);
        }
    }

    /// <summary>getPath: an absolute input as is, a relative one under the executing directory; null if it does not exist.</summary>
    private static string? Resolve(string input, string executingDirectory)
    {
        var path = JavaPath.IsAbsolute(input) ? JavaPath.Get(input) : JavaPath.Get(executingDirectory, input);
        return JavaPath.FileExists(path) ? path : null;
    }

    private static List<string> ListDirectory(string directory)
    {
        try
        {
            return JavaPath.List(directory).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CaughtByTool.Io(e.Message, ToolFrames.Execute);
        }
    }
}
