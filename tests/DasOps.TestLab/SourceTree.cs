using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace DasOps.TestLab;

/// <summary>The repository, found from this source file's compile-time path (the build may put assemblies anywhere).</summary>
public static class SourceTree
{
    public static string Root { get; } = Find();

    public static string LabScript => Path.Combine(Root, "tests", "lab", "lab.sh");

    /// <summary>The project's DAS 3.2.0 product-home fixture that lab.sh copies into every host.</summary>
    public static string Fixture => Path.Combine(Root, "tests", "fixtures", "das-3.2.0");

    /// <summary>The shared reference tree beside the clone (as CI places it).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>A directory of the real stock files (e.g. "das-3.2.0/dbscripts"); fails when ../shared is missing.</summary>
    public static string Stock(string relative)
    {
        var path = Path.Combine(Shared, "reference", "wso2-stock", relative);
        if (!Directory.Exists(path)) throw new InvalidOperationException($"missing {path}: clone the project with ../shared beside it.");
        return path;
    }

    private static string Find([CallerFilePath] string source = "")
    {
        foreach (var start in new[] { Path.GetDirectoryName(source) ?? "", AppContext.BaseDirectory })
        {
            var dir = new DirectoryInfo(start);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "DasOps.slnx"))) dir = dir.Parent;
            if (dir != null) return dir.FullName;
        }
        throw new InvalidOperationException($"DasOps.slnx not found above {source} or the test assembly.");
    }
}
