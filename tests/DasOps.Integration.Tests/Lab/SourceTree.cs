using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace DasOps.Integration.Tests.Lab;

/// <summary>The repository, found from this source file's compile-time path (the build may put the assembly anywhere).</summary>
public static class SourceTree
{
    public static string Root { get; } = Find();

    public static string LabScript => Path.Combine(Root, "tests", "lab", "lab.sh");

    public static string Fixture => Path.Combine(Root, "tests", "fixtures", "das-3.2.0");

    private static string Find([CallerFilePath] string source = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(source)!);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "DasOps.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException($"DasOps.slnx not found above {source}.");
    }
}
