using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace DasOps.Engine.Tests.Publishing;

/// <summary>
/// The repository, found from this source file's compile-time path, so the tests also work when built with an
/// --artifacts-path outside the clone (Support/RepoPaths walks up from the test assembly instead).
/// </summary>
public static class SourceTree
{
    public static string Root { get; } = Find();

    public static string Fixture => Path.Combine(Root, "tests", "fixtures", "das-3.2.0");

    private static string Find([CallerFilePath] string source = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(source)!);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "DasOps.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException($"DasOps.slnx not found above {source}.");
    }
}
