using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace DasOps.Module.Tests.Support;

public sealed record ParameterEntry(string Set, bool Mandatory, int? Position, bool ByValue, bool ByPropertyName);

public sealed record CmdletParameter(string Name, Type Type, IReadOnlyList<string> Aliases, IReadOnlyList<ParameterEntry> Entries,
    IReadOnlyList<CustomAttributeData> Attributes)
{
    public bool IsSwitch => Type.FullName == "System.Management.Automation.SwitchParameter";
    public bool InAllSets => Entries.Any(e => e.Set == ModuleSurface.AllSets);
    public bool InSet(string set) => InAllSets || Entries.Any(e => e.Set == set);
    public ParameterEntry EntryFor(string set) => Entries.FirstOrDefault(e => e.Set == set) ?? Entries.First(e => e.Set == ModuleSurface.AllSets);
}

public sealed record CmdletClass(Type Type, string Verb, string Noun, bool SupportsShouldProcess, string? ConfirmImpact,
    string? DefaultParameterSetName, IReadOnlyList<Type> OutputTypes, IReadOnlyList<CmdletParameter> Parameters)
{
    public string Name => Verb + "-" + Noun;

    public IReadOnlyList<string> NamedSets =>
        Parameters.SelectMany(p => p.Entries).Select(e => e.Set).Where(s => s != ModuleSurface.AllSets).Distinct().ToList();

    /// <summary>The sets PowerShell builds: the named ones plus the default, or the single all-parameters set.</summary>
    public IReadOnlyList<string> ParameterSets
    {
        get
        {
            var sets = NamedSets.ToList();
            if (!string.IsNullOrEmpty(DefaultParameterSetName) && !sets.Contains(DefaultParameterSetName!)) sets.Insert(0, DefaultParameterSetName!);
            return sets.Count == 0 ? new[] { ModuleSurface.AllSets } : sets;
        }
    }

    public override string ToString() => Name;
}

/// <summary>
/// The built module's DasOps.dll read through MetadataLoadContext: nothing of it runs, so the stub
/// System.Management.Automation it was compiled against is enough to resolve every type.
/// </summary>
public static class ModuleSurface
{
    public const string AllSets = "__AllParameterSets";
    public const string Sma = "System.Management.Automation";

    private static readonly Lazy<(MetadataLoadContext Context, Assembly Module)> Loaded = new(Load);

    public static Assembly Module => Loaded.Value.Module;

    public static MetadataLoadContext Context => Loaded.Value.Context;

    public static IReadOnlyList<CmdletClass> Cmdlets => LazyCmdlets.Value;

    private static readonly Lazy<IReadOnlyList<CmdletClass>> LazyCmdlets = new(() =>
        Module.GetTypes().Where(t => t.IsClass && IsCmdletType(t) && !t.IsAbstract && Attribute(t, "CmdletAttribute") != null)
            .Select(ReadCmdlet).OrderBy(c => c.Name, StringComparer.Ordinal).ToList());

    public static IEnumerable<object[]> CmdletNames => Cmdlets.Select(c => new object[] { c.Name });

    public static CmdletClass Cmdlet(string name) => Cmdlets.Single(c => c.Name == name);

    public static Assembly Dependency(string name) => Context.LoadFromAssemblyName(name);

    private static (MetadataLoadContext, Assembly) Load()
    {
        var dll = Paths.ModuleFile("DasOps.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build src/DasOps first (it lays out out/DasOps).");
        var files = new List<string> { dll, Paths.SystemManagementAutomation };
        files.AddRange(Directory.EnumerateFiles(Paths.ModuleFile("Dependencies"), "*.dll"));
        files.AddRange(Directory.EnumerateFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"));
        var unique = files.GroupBy(f => Path.GetFileName(f), StringComparer.OrdinalIgnoreCase).Select(g => g.First());
        var context = new MetadataLoadContext(new PathAssemblyResolver(unique), "netstandard");
        return (context, context.LoadFromAssemblyPath(dll));
    }

    public static bool IsCmdletType(Type type)
    {
        for (var t = type.BaseType; t != null; t = t.BaseType)
        {
            if (t.FullName == Sma + ".Cmdlet") return true;
        }
        return false;
    }

    public static CustomAttributeData? Attribute(MemberInfo member, string name) =>
        member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == Sma + "." + name);

    public static IEnumerable<CustomAttributeData> Attributes(MemberInfo member, string name) =>
        member.GetCustomAttributesData().Where(a => a.AttributeType.FullName == Sma + "." + name);

    public static object? Named(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(n => n.MemberName == name).Select(n => n.TypedValue.Value).FirstOrDefault();

    private static CmdletClass ReadCmdlet(Type type)
    {
        var cmdlet = Attribute(type, "CmdletAttribute")!;
        var impact = Named(cmdlet, "ConfirmImpact");
        var outputs = Attributes(type, "OutputTypeAttribute")
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : new[] { arg.Value })
            .OfType<Type>().ToList();
        var parameters = new List<CmdletParameter>();
        for (var t = type; t != null && t.FullName != Sma + ".PSCmdlet"; t = t.BaseType)
        {
            foreach (var property in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var entries = Attributes(property, "ParameterAttribute").Select(a => new ParameterEntry(
                    Named(a, "ParameterSetName") as string ?? AllSets,
                    Named(a, "Mandatory") is true,
                    Named(a, "Position") is int p && p != int.MinValue ? p : null,
                    Named(a, "ValueFromPipeline") is true,
                    Named(a, "ValueFromPipelineByPropertyName") is true)).ToList();
                if (entries.Count == 0) continue;
                var aliases = Attributes(property, "AliasAttribute").SelectMany(a => a.ConstructorArguments)
                    .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => (string)m.Value!) : new[] { (string)arg.Value! })
                    .ToList();
                parameters.Add(new CmdletParameter(property.Name, property.PropertyType, aliases, entries, property.GetCustomAttributesData().ToList()));
            }
        }
        return new CmdletClass(type, (string)cmdlet.ConstructorArguments[0].Value!, (string)cmdlet.ConstructorArguments[1].Value!,
            Named(cmdlet, "SupportsShouldProcess") is true,
            impact == null ? null : Enum.GetName(typeof(ConfirmImpactNames), (int)impact),
            Named(cmdlet, "DefaultParameterSetName") as string, outputs, parameters);
    }

    /// <summary>System.Management.Automation.ConfirmImpact's values, so attribute data (an int) can be named.</summary>
    private enum ConfirmImpactNames
    {
        None = 0,
        Low = 1,
        Medium = 2,
        High = 3,
    }
}
