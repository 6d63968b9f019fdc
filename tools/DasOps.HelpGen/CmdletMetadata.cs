using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace DasOps.HelpGen;

/// <summary>One parameter-set entry of a parameter: what one [Parameter] attribute says.</summary>
public sealed record ParameterSetEntry(string SetName, bool Mandatory, int? Position, bool ByValue, bool ByPropertyName);

/// <summary>A cmdlet parameter as PowerShell will see it.</summary>
public sealed record ParameterInfo(string Name, string TypeName, string FullTypeName, bool IsSwitch, IReadOnlyList<string> Aliases,
    bool SupportsWildcards, IReadOnlyList<ParameterSetEntry> Sets, bool IsCommon)
{
    public const string AllSets = "__AllParameterSets";

    public bool InSet(string set) => Sets.Any(s => s.SetName == set || s.SetName == AllSets);

    public ParameterSetEntry EntryFor(string set) => Sets.FirstOrDefault(s => s.SetName == set) ?? Sets.First(s => s.SetName == AllSets);
}

/// <summary>A cmdlet class read from the compiled module without running it.</summary>
public sealed record CmdletInfo(string Verb, string Noun, string ClassName, bool SupportsShouldProcess, string? DefaultParameterSetName,
    IReadOnlyList<ParameterInfo> Parameters, IReadOnlyList<string> OutputTypes)
{
    public string Name => Verb + "-" + Noun;

    /// <summary>The parameter sets PowerShell builds: every named set plus the default; __AllParameterSets when there are none.</summary>
    public IReadOnlyList<string> ParameterSets
    {
        get
        {
            var sets = Parameters.SelectMany(p => p.Sets).Select(s => s.SetName).Where(s => s != ParameterInfo.AllSets).ToList();
            if (!string.IsNullOrEmpty(DefaultParameterSetName)) sets.Insert(0, DefaultParameterSetName!);
            var distinct = sets.Distinct(StringComparer.Ordinal).ToList();
            return distinct.Count == 0 ? new[] { ParameterInfo.AllSets } : distinct;
        }
    }
}

/// <summary>Reads cmdlets, parameters and output types from DasOps.dll through MetadataLoadContext.</summary>
public static class CmdletMetadata
{
    public static IReadOnlyList<CmdletInfo> Read(string assemblyPath, IEnumerable<string> references)
    {
        var paths = references.Where(File.Exists).Append(assemblyPath)
            .GroupBy(p => Path.GetFileName(p), StringComparer.OrdinalIgnoreCase).Select(g => g.Last());
        using var context = new MetadataLoadContext(new PathAssemblyResolver(paths), "netstandard");
        var assembly = context.LoadFromAssemblyPath(assemblyPath);
        return assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && IsCmdlet(t))
            .Select(ReadCmdlet)
            .Where(c => c != null).Select(c => c!)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsCmdlet(Type type)
    {
        for (var t = type.BaseType; t != null; t = t.BaseType)
        {
            if (t.FullName == "System.Management.Automation.Cmdlet") return true;
        }
        return false;
    }

    private static CmdletInfo? ReadCmdlet(Type type)
    {
        var cmdlet = type.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute");
        if (cmdlet == null) return null;
        var verb = (string)cmdlet.ConstructorArguments[0].Value!;
        var noun = (string)cmdlet.ConstructorArguments[1].Value!;
        var shouldProcess = Named(cmdlet, "SupportsShouldProcess") is bool b && b;
        var defaultSet = Named(cmdlet, "DefaultParameterSetName") as string;
        var parameters = new List<ParameterInfo>();
        foreach (var property in PropertiesInDeclarationOrder(type))
        {
            var parameter = ReadParameter(property);
            if (parameter != null) parameters.Add(parameter);
        }
        if (shouldProcess)
        {
            parameters.Add(Common("WhatIf", "wi"));
            parameters.Add(Common("Confirm", "cf"));
        }
        var outputs = type.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute")
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : new[] { arg.Value })
            .Select(v => v is Type t ? t.FullName! : v?.ToString() ?? "")
            .ToList();
        return new CmdletInfo(verb, noun, type.FullName!, shouldProcess, defaultSet, parameters, outputs);
    }

    private static ParameterInfo Common(string name, string alias) =>
        new ParameterInfo(name, "SwitchParameter", "System.Management.Automation.SwitchParameter", true, new[] { alias }, false,
            new[] { new ParameterSetEntry(ParameterInfo.AllSets, false, null, false, false) }, IsCommon: true);

    /// <summary>The class's own properties first, then each base class's, as PowerShell lists them.</summary>
    private static IEnumerable<PropertyInfo> PropertiesInDeclarationOrder(Type type)
    {
        for (var t = type; t != null && t.FullName != "System.Management.Automation.PSCmdlet"; t = t.BaseType)
        {
            foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)) yield return p;
        }
    }

    private static ParameterInfo? ReadParameter(PropertyInfo property)
    {
        var attributes = property.GetCustomAttributesData();
        var entries = attributes.Where(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute").Select(a =>
        {
            var position = Named(a, "Position") is int p && p != int.MinValue ? p : (int?)null;
            return new ParameterSetEntry(Named(a, "ParameterSetName") as string ?? ParameterInfo.AllSets, Named(a, "Mandatory") is true, position,
                Named(a, "ValueFromPipeline") is true, Named(a, "ValueFromPipelineByPropertyName") is true);
        }).ToList();
        if (entries.Count == 0) return null;
        var aliases = attributes.Where(a => a.AttributeType.FullName == "System.Management.Automation.AliasAttribute")
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => (string)m.Value!) : new[] { (string)arg.Value! })
            .ToList();
        var wildcards = attributes.Any(a => a.AttributeType.FullName == "System.Management.Automation.SupportsWildcardsAttribute");
        var type = property.PropertyType;
        var isSwitch = type.FullName == "System.Management.Automation.SwitchParameter";
        return new ParameterInfo(property.Name, DisplayName(type), type.FullName ?? type.Name, isSwitch, aliases, wildcards, entries, IsCommon: false);
    }

    private static object? Named(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(n => n.MemberName == name).Select(n => n.TypedValue.Value).FirstOrDefault();

    /// <summary>The short type name help shows: String[], SwitchParameter, DasCluster; Nullable`1 becomes its argument.</summary>
    public static string DisplayName(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1") return DisplayName(type.GetGenericArguments()[0]);
        return type.Name;
    }
}
