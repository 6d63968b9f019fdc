using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DasOps.Module.Tests.Support;
using Xunit;

namespace DasOps.Module.Tests;

/// <summary>The built manifest (out/DasOps/DasOps.psd1) against the assembly and PowerShell's rules for 5.1 and 7.</summary>
public class ManifestTests
{
    private static readonly Lazy<Dictionary<string, object?>> Built = new(() => Psd1Reader.ReadFile(Paths.ModuleFile("DasOps.psd1")));

    private static Dictionary<string, object?> Manifest => Built.Value;

    private static IReadOnlyList<string> Strings(string key)
    {
        Assert.True(Manifest.ContainsKey(key), $"the manifest has no {key}.");
        return Manifest[key] switch
        {
            List<object?> list => list.Select(v => Assert.IsType<string>(v)).ToList(),
            string one => new[] { one },
            var other => throw new Xunit.Sdk.XunitException($"{key} is {other?.GetType().Name ?? "null"}, not a list of strings."),
        };
    }

    [Fact]
    public void CmdletsToExport_is_exactly_the_cmdlet_classes()
    {
        var exported = Strings("CmdletsToExport").OrderBy(n => n, StringComparer.Ordinal).ToList();
        var classes = ModuleSurface.Cmdlets.Select(c => c.Name).ToList();
        Assert.Equal(classes, exported);
    }

    [Theory]
    [InlineData("FunctionsToExport")]
    [InlineData("VariablesToExport")]
    [InlineData("AliasesToExport")]
    public void Other_exports_are_explicitly_empty(string key)
    {
        Assert.True(Manifest.ContainsKey(key), $"{key} must be present as @() (a missing key exports everything).");
        Assert.Empty(Assert.IsType<List<object?>>(Manifest[key]));
    }

    [Fact]
    public void Targets_Windows_PowerShell_5_1_and_PowerShell_7()
    {
        Assert.Equal(new[] { "Desktop", "Core" }, Strings("CompatiblePSEditions"));
        Assert.Equal("5.1", Manifest["PowerShellVersion"]);
        Assert.Equal("4.7.2", Manifest["DotNetFrameworkVersion"]);
    }

    [Fact]
    public void Root_module_is_the_binary_and_nothing_is_preloaded()
    {
        Assert.Equal("DasOps.dll", Manifest["RootModule"]);
        Assert.False(Manifest.ContainsKey("ModuleToProcess"), "ModuleToProcess is deprecated; use RootModule.");
        // Listing the dependencies here would load them into PowerShell's shared context and defeat the isolation.
        Assert.False(Manifest.ContainsKey("RequiredAssemblies"), "RequiredAssemblies must not be set: Dependencies/ is resolved by ModuleInitializer.");
        Assert.False(Manifest.ContainsKey("NestedModules"), "NestedModules must not be set: Dependencies/ is resolved by ModuleInitializer.");
    }

    [Fact]
    public void Version_comes_from_Directory_Build_props()
    {
        var props = File.ReadAllText(Path.Combine(Paths.RepoRoot, "Directory.Build.props"));
        var version = Regex.Match(props, "<ModuleVersion>([^<]+)</ModuleVersion>").Groups[1].Value;
        Assert.Matches(@"^\d+\.\d+\.\d+$", version);
        Assert.Equal(version, Manifest["ModuleVersion"]);
        Assert.Equal(new Version(version + ".0"), ModuleSurface.Module.GetName().Version);
        Assert.Contains("'{{ModuleVersion}}'", File.ReadAllText(Path.Combine(Paths.RepoRoot, "DasOps.psd1")));
        Assert.DoesNotContain("{{", File.ReadAllText(Paths.ModuleFile("DasOps.psd1")));
    }

    [Fact]
    public void Identity_and_gallery_metadata_are_set()
    {
        Assert.True(Guid.TryParse(Assert.IsType<string>(Manifest["GUID"]), out var guid) && guid != Guid.Empty);
        foreach (var key in new[] { "Author", "CompanyName", "Copyright", "Description" })
            Assert.False(string.IsNullOrWhiteSpace(Manifest[key] as string), $"{key} is empty.");
        var psData = Assert.IsType<Dictionary<string, object?>>(Assert.IsType<Dictionary<string, object?>>(Manifest["PrivateData"])["PSData"]);
        var tags = Assert.IsType<List<object?>>(psData["Tags"]).Cast<string>().ToList();
        Assert.Contains("PSEdition_Desktop", tags);
        Assert.Contains("PSEdition_Core", tags);
        Assert.All(tags, t => Assert.DoesNotContain(" ", t));
    }

    [Fact]
    public void Every_file_the_manifest_names_is_in_the_layout()
    {
        var named = new List<string> { Assert.IsType<string>(Manifest["RootModule"]) };
        named.AddRange(Strings("FormatsToProcess"));
        if (Manifest.ContainsKey("TypesToProcess")) named.AddRange(Strings("TypesToProcess"));
        if (Manifest.ContainsKey("FileList")) named.AddRange(Strings("FileList"));
        Assert.Contains("DasOps.format.ps1xml", named);
        foreach (var file in named) Assert.True(File.Exists(Paths.ModuleFile(file)), $"the manifest names {file}, which is not in out/DasOps.");
    }

    [Fact]
    public void The_reader_understands_what_manifests_contain()
    {
        var table = Psd1Reader.Read("@{\n  A = 'it''s' # comment\n  B = @('x'\n 'y', 'z')\n  C = @{ D = $true; E = 5 }\n  <# block #> F = @()\n  G = \"q`\"\"\n}");
        Assert.Equal("it's", table["a"]);
        Assert.Equal(new object?[] { "x", "y", "z" }, Assert.IsType<List<object?>>(table["B"]));
        Assert.Equal(true, Assert.IsType<Dictionary<string, object?>>(table["C"])["D"]);
        Assert.Equal(5L, Assert.IsType<Dictionary<string, object?>>(table["C"])["E"]);
        Assert.Empty(Assert.IsType<List<object?>>(table["F"]));
        Assert.Equal("q\"", table["G"]);
        Assert.Throws<FormatException>(() => Psd1Reader.Read("@{ A = $env:X }"));
        Assert.Throws<FormatException>(() => Psd1Reader.Read("@{ A = 1; A = 2 }"));
    }
}
