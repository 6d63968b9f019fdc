using System.IO;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Spec;

/// <summary>Local paths a spec names (sshConfig, knownHosts, jdbcDriver): relative ones are taken from the spec file's directory.</summary>
public static class SpecPaths
{
    public static string? Resolve(ClusterSpec spec, string? path)
    {
        if (string.IsNullOrEmpty(path)) return null;
        if (path!.StartsWith("~/", System.StringComparison.Ordinal))
            path = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), path.Substring(2));
        if (Path.IsPathRooted(path)) return path;
        var specDirectory = File.Exists(spec.SourceFile) ? Path.GetDirectoryName(Path.GetFullPath(spec.SourceFile)) : null;
        return Path.GetFullPath(specDirectory != null ? Path.Combine(specDirectory, path) : path);
    }
}
