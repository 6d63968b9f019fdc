using System;
using System.IO;

namespace DasOps.Engine.Tests.Support;

/// <summary>Finds the repository and the shared reference tree (`../shared` beside the clone, as in CI).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>The real DAS 3.2.0 stock files; CI always has them beside the clone.</summary>
    public static string DasStock
    {
        get
        {
            var path = Path.Combine(Shared, "reference", "wso2-stock", "das-3.2.0");
            if (!Directory.Exists(path)) throw new InvalidOperationException($"the DAS stock tree is missing at {path}; clone the project with ../shared beside it.");
            return path;
        }
    }

    /// <summary>The real SP 4.4.0 stock files (conf/{manager,worker,dashboard,editor}/deployment.yaml and bin/).</summary>
    public static string SpStock
    {
        get
        {
            var path = Path.Combine(Shared, "reference", "wso2-stock", "sp-4.4.0");
            if (!Directory.Exists(path)) throw new InvalidOperationException($"the SP stock tree is missing at {path}; clone the project with ../shared beside it.");
            return path;
        }
    }

    /// <summary>The project's own product-home fixture, modelled on the stock structure.</summary>
    public static string Fixture => Path.Combine(Root, "tests", "fixtures", "das-3.2.0");

    /// <summary>Above the test assembly, or, when it was built elsewhere (--artifacts-path), above this source file.</summary>
    private static string FindRoot([System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(source) ?? "" })
        {
            var dir = new DirectoryInfo(start);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "DasOps.slnx"))) dir = dir.Parent;
            if (dir != null) return dir.FullName;
        }
        throw new InvalidOperationException("DasOps.slnx not found above the test assembly or its source.");
    }
}
