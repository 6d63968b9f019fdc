using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace DasOps.Module.Tests.Support;

/// <summary>Where the repository, the laid-out module and the reference assemblies are.</summary>
public static class Paths
{
    public static string RepoRoot { get; } = Path.GetFullPath(Metadata("DasOpsRepoRoot"));

    /// <summary>out/DasOps/, laid out by src/DasOps's LayoutModule target (built before these tests).</summary>
    public static string ModuleDir => Path.Combine(RepoRoot, "out", "DasOps");

    public static string ModuleFile(string relative) => Path.Combine(ModuleDir, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string SystemManagementAutomation { get; } = Metadata("SystemManagementAutomationReference");

    /// <summary>The Windows PowerShell 5.1 verb list kept beside the repository (../shared/reference).</summary>
    public static string ApprovedVerbs => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "reference", "approved-verbs.txt"));

    private static string Metadata(string key) =>
        typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"assembly metadata {key} is missing from the test project.");
}
