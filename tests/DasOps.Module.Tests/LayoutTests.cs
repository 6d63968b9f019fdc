using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using DasOps.Module.Tests.Support;
using Xunit;

namespace DasOps.Module.Tests;

/// <summary>out/DasOps/ holds exactly the allow-list, with the engine and its libraries isolated in Dependencies/.</summary>
public class LayoutTests
{
    public static readonly string[] AllowList =
    {
        "DasOps.psd1",
        "DasOps.dll",
        "DasOps.format.ps1xml",
        "Dependencies/DasOps.Engine.dll",
        "Dependencies/YamlDotNet.dll",
        // SSH.NET and what it needs at run time (the System.* polyfills for .NET Framework 4.7.2 only)
        "Dependencies/Renci.SshNet.dll",
        "Dependencies/BouncyCastle.Cryptography.dll",
        // MySqlConnector (Initialize-DasDatabase) and what it adds to SSH.NET's list
        "Dependencies/MySqlConnector.dll",
        "Dependencies/System.Diagnostics.DiagnosticSource.dll",
        "Dependencies/Microsoft.Extensions.Logging.Abstractions.dll",
        "Dependencies/Microsoft.Extensions.DependencyInjection.Abstractions.dll",
        "Dependencies/System.Formats.Asn1.dll",
        "Dependencies/System.Memory.dll",
        "Dependencies/System.Buffers.dll",
        "Dependencies/System.Numerics.Vectors.dll",
        "Dependencies/System.Runtime.CompilerServices.Unsafe.dll",
        "Dependencies/System.Threading.Tasks.Extensions.dll",
        "Dependencies/Microsoft.Bcl.AsyncInterfaces.dll",
        "en-US/DasOps.dll-Help.xml",
        "en-US/about_DasOps.help.txt",
    };

    [Fact]
    public void The_layout_is_exactly_the_allow_list()
    {
        var files = Directory.EnumerateFiles(Paths.ModuleDir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Paths.ModuleDir, f).Replace(Path.DirectorySeparatorChar, '/'))
            .OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.Equal(AllowList.OrderBy(f => f, StringComparer.Ordinal), files);
    }

    [Fact]
    public void The_engine_and_its_libraries_are_the_dependencies_that_ship()
    {
        // Everything DasOps.Engine references must be either shipped in Dependencies/ or part of .NET Standard 2.0.
        var engine = ModuleSurface.Dependency("DasOps.Engine");
        var shipped = Directory.EnumerateFiles(Paths.ModuleFile("Dependencies"), "*.dll").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        foreach (var reference in engine.GetReferencedAssemblies().Select(r => r.Name!))
        {
            Assert.True(reference == "netstandard" || shipped.Contains(reference), $"DasOps.Engine needs {reference}, which is neither in Dependencies/ nor in .NET Standard 2.0.");
        }
        var module = ModuleSurface.Module.GetReferencedAssemblies().Select(r => r.Name!).ToList();
        Assert.Equal(new[] { "DasOps.Engine", "netstandard", "System.Management.Automation" }.ToHashSet(), module.ToHashSet());
    }

    [Fact]
    public void The_module_is_netstandard2_0()
    {
        var framework = ModuleSurface.Module.GetCustomAttributesData()
            .First(a => a.AttributeType.FullName == "System.Runtime.Versioning.TargetFrameworkAttribute").ConstructorArguments[0].Value;
        Assert.Equal(".NETStandard,Version=v2.0", framework);
    }

    [Fact]
    public void Every_error_id_is_explained_in_the_about_topic()
    {
        var text = File.ReadAllText(Paths.ModuleFile("en-US/about_DasOps.help.txt"));
        var ids = ModuleSurface.Module.GetType("DasOps.Internal.DasErrorIds", throwOnError: true)!
            .GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Contains("DasNodeUnreachable", ids);
        foreach (var id in ids) Assert.True(text.Contains(id, StringComparison.Ordinal), $"{id} is an error id of the module but about_DasOps does not explain it.");
    }

    [Fact]
    public void The_about_topic_is_utf8_with_a_bom_and_80_columns()
    {
        var bytes = File.ReadAllBytes(Paths.ModuleFile("en-US/about_DasOps.help.txt"));
        Assert.True(bytes.Length > 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "about_DasOps.help.txt needs a UTF-8 BOM (Windows PowerShell 5.1 reads a BOM-less file as ANSI).");
        var text = new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3);
        var lines = text.Replace("\r\n", "\n").Split('\n');
        Assert.Equal("TOPIC", lines[0]);
        Assert.Equal("    about_DasOps", lines[1]);
        Assert.Contains("SHORT DESCRIPTION", lines);
        Assert.Contains("LONG DESCRIPTION", lines);
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"longer than 80 columns: {l}"));
        foreach (var cmdlet in ModuleSurface.Cmdlets) Assert.Contains(cmdlet.Name, text);
        foreach (var id in new[] { "DasSpecInvalid", "DasNodeNotFound", "DasSecretMissing", "PSCredential", "dasops" }) Assert.Contains(id, text);
    }
}
