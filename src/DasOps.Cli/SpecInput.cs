using System;
using System.CommandLine;
using System.IO;
using DasOps.Engine.Spec;

namespace DasOps.Cli;

/// <summary>The SPEC argument every command takes, loaded and validated with all errors printed at once.</summary>
internal static class SpecInput
{
    public static Argument<string> Argument() => new Argument<string>("spec") { Description = "Path of the cluster spec (YAML)." };

    /// <summary>Loads and validates; prints every error as file:line:column and returns null when unusable.</summary>
    public static ClusterSpec? Load(string path, TextWriter error)
    {
        var errors = SpecLoader.LoadAndValidateFile(path, out var spec);
        if (errors.Count == 0) return spec;
        foreach (var e in errors) error.WriteLine(e.ToString());
        error.WriteLine($"{errors.Count} error(s) in {path}; nothing was changed.");
        return null;
    }
}
