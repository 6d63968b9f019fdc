using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using DasOps.Module.Tests.Support;
using Xunit;

namespace DasOps.Module.Tests;

/// <summary>
/// PowerShell reads DasOps.dll's exported types before it runs ModuleInitializer, which is what makes Dependencies/
/// loadable. So no public type may need an assembly from Dependencies/ to load: no base type, interface or
/// value-type field from them, and (to keep YamlDotNet and the engine out of PowerShell's view) no public signature.
/// </summary>
public class IsolationTests
{
    private static readonly string[] Isolated = { "DasOps.Engine", "YamlDotNet", "Renci.SshNet", "MySqlConnector" };

    private static bool FromIsolated(Type type)
    {
        if (type.HasElementType) return FromIsolated(type.GetElementType()!);
        if (type.IsGenericParameter) return false;
        if (type.IsGenericType && type.GetGenericArguments().Any(FromIsolated)) return true;
        return Isolated.Contains(type.Assembly.GetName().Name);
    }

    public static IEnumerable<object[]> PublicTypes =>
        ModuleSurface.Module.GetExportedTypes().Select(t => new object[] { t.FullName! });

    [Fact]
    public void The_module_initializer_hooks_assembly_resolution_on_import_and_removal()
    {
        var initializer = ModuleSurface.Module.GetExportedTypes().Single(t => t.GetInterfaces().Any(i => i.FullName == ModuleSurface.Sma + ".IModuleAssemblyInitializer"));
        Assert.Contains(initializer.GetInterfaces(), i => i.FullName == ModuleSurface.Sma + ".IModuleAssemblyCleanup");
        Assert.True(initializer.IsSealed && !initializer.IsAbstract && initializer.GetConstructor(Type.EmptyTypes) != null);
        Assert.Equal("ModuleInitializer", initializer.Name);
    }

    [Fact]
    public void DasOps_dll_never_references_YamlDotNet()
    {
        Assert.DoesNotContain(ModuleSurface.Module.GetReferencedAssemblies(), r => r.Name == "YamlDotNet");
    }

    [Theory]
    [MemberData(nameof(PublicTypes))]
    public void Public_type_loads_without_the_dependencies(string typeName)
    {
        var type = ModuleSurface.Module.GetType(typeName, throwOnError: true)!;
        for (var t = type.BaseType; t != null; t = t.BaseType) Assert.False(FromIsolated(t), $"{typeName} derives from {t.FullName}.");
        foreach (var i in type.GetInterfaces()) Assert.False(FromIsolated(i), $"{typeName} implements {i.FullName}.");
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var field in type.GetFields(all).Where(f => f.FieldType.IsValueType))
            Assert.False(FromIsolated(field.FieldType), $"{typeName}.{field.Name} is a value-type field of {field.FieldType.FullName}; loading {typeName} would load it.");
    }

    [Theory]
    [MemberData(nameof(PublicTypes))]
    public void Public_signatures_name_no_dependency_type(string typeName)
    {
        var type = ModuleSurface.Module.GetType(typeName, throwOnError: true)!;
        const BindingFlags visible = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        static bool Visible(MethodBase? m) => m != null && (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly);
        foreach (var property in type.GetProperties(visible).Where(p => Visible(p.GetMethod) || Visible(p.SetMethod)))
            Assert.False(FromIsolated(property.PropertyType), $"{typeName}.{property.Name} is a {property.PropertyType.FullName}.");
        foreach (var method in type.GetMethods(visible).Where(m => Visible(m)))
        {
            Assert.False(FromIsolated(method.ReturnType), $"{typeName}.{method.Name} returns {method.ReturnType.FullName}.");
            foreach (var p in method.GetParameters()) Assert.False(FromIsolated(p.ParameterType), $"{typeName}.{method.Name}({p.Name}) takes {p.ParameterType.FullName}.");
        }
        foreach (var ctor in type.GetConstructors(visible).Where(c => Visible(c)))
            foreach (var p in ctor.GetParameters()) Assert.False(FromIsolated(p.ParameterType), $"{typeName} constructor takes {p.ParameterType.FullName}.");
        foreach (var field in type.GetFields(visible).Where(f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly))
            Assert.False(FromIsolated(field.FieldType), $"{typeName}.{field.Name} is a {field.FieldType.FullName}.");
    }

    [Theory]
    [InlineData("DasOps.DasProduct", "DasOps.Engine.Spec.Product")]
    [InlineData("DasOps.DasPattern", "DasOps.Engine.Spec.Pattern")]
    [InlineData("DasOps.DasNodeRole", "DasOps.Engine.Spec.NodeRole")]
    [InlineData("DasOps.DasChangeKind", "DasOps.Engine.Planning.FileChange")]
    [InlineData("DasOps.DasDatabaseAction", "DasOps.Engine.Database.DatabaseAction")]
    [InlineData("DasOps.DasNodeOutcome", "DasOps.Engine.Lifecycle.NodeOutcome")]
    [InlineData("DasOps.DasCheckResult", "DasOps.Engine.Ha.CheckResult")]
    [InlineData("DasOps.DasPersistenceStatus", "DasOps.Engine.Lifecycle.PersistenceStatus")]
    [InlineData("DasOps.DasSiddhiAppAction", "DasOps.Engine.Products.Sp.SiddhiAppAction")]
    public void The_modules_enums_mirror_the_engines(string moduleEnum, string engineEnum)
    {
        static IEnumerable<string> Members(Type t) => t.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name);
        var mine = ModuleSurface.Module.GetType(moduleEnum, throwOnError: true)!;
        var theirs = ModuleSurface.Dependency("DasOps.Engine").GetType(engineEnum, throwOnError: true)!;
        Assert.Equal(Members(theirs), Members(mine));
    }
}
