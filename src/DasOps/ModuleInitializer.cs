using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace DasOps;

/// <summary>
/// Keeps the module's dependencies (DasOps.Engine, YamlDotNet) out of PowerShell's shared load context.
/// They live in Dependencies/ beside DasOps.dll, where neither PowerShell nor .NET probes; when DasOps.dll (or one of
/// them) asks for one, this handler loads it: on PowerShell 7 into a load context of its own (so another module's
/// YamlDotNet never clashes with ours), on Windows PowerShell 5.1 with Assembly.LoadFrom.
/// </summary>
/// <remarks>
/// PowerShell reads the exported types of DasOps.dll before it calls <see cref="OnImport"/>, so no public type of
/// DasOps.dll may derive from, implement, or hold a value-type field of a type from Dependencies/.
/// The static surface tests check that.
/// </remarks>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    internal const string DependencyFolderName = "Dependencies";
    internal const string LoadContextName = "DasOps";

    private static readonly Assembly Self = typeof(ModuleInitializer).Assembly;
    private static readonly string DependencyFolder =
        Path.Combine(Path.GetDirectoryName(Self.Location) ?? ".", DependencyFolderName);
    private static readonly Lazy<Dictionary<string, string>> Dependencies = new(ScanDependencies);
    private static readonly Lazy<Dictionary<string, Assembly>?> ContextAssemblies = new(LoadIntoContext);
    private static readonly ConcurrentDictionary<string, Assembly> Loaded = new(StringComparer.OrdinalIgnoreCase);

    public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

    public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

    /// <summary>Assembly simple name to path, for every DLL in Dependencies/ (full names are checked on resolve).</summary>
    private static Dictionary<string, string> ScanDependencies()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!Directory.Exists(DependencyFolder)) return map;
        foreach (var file in Directory.EnumerateFiles(DependencyFolder, "*.dll"))
        {
            map[Path.GetFileNameWithoutExtension(file)] = file;
        }
        return map;
    }

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var wanted = new AssemblyName(args.Name);
        if (wanted.Name == null || !Dependencies.Value.TryGetValue(wanted.Name, out var path)) return null;

        // Only answer for ourselves: a request from another module for a same-named assembly is not ours to satisfy.
        // .NET Framework may not say who asked; then the name alone decides.
        var requester = args.RequestingAssembly;
        if (requester != null && requester != Self && !IsDependency(requester)) return null;

        var found = AssemblyName.GetAssemblyName(path);
        if (wanted.Version != null && found.Version != null && found.Version < wanted.Version) return null;

        if (ContextAssemblies.Value is { } inContext) return inContext.TryGetValue(wanted.Name, out var assembly) ? assembly : null;
        return Loaded.GetOrAdd(path, Assembly.LoadFrom);
    }

    /// <summary>
    /// On PowerShell 7, every DLL of Dependencies/ loaded into our context at once, on the first request. A context
    /// answers a reference from the assemblies it already holds before it asks the default context; loaded one by
    /// one on request, the engine's reference to YamlDotNet would first be offered to the default context, which
    /// hands out any same-or-newer YamlDotNet another module loaded there. Null on .NET Framework (no contexts).
    /// </summary>
    private static Dictionary<string, Assembly>? LoadIntoContext()
    {
        var context = LoadContextProxy.Create(LoadContextName);
        if (context == null) return null;
        var loaded = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
        foreach (var dependency in Dependencies.Value) loaded[dependency.Key] = context.LoadFromAssemblyPath(dependency.Value);
        return loaded;
    }

    private static bool IsDependency(Assembly assembly)
    {
        var name = assembly.GetName().Name;
        return name != null && Dependencies.Value.TryGetValue(name, out var path) &&
               string.Equals(Path.GetFullPath(path), Path.GetFullPath(assembly.Location), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// System.Runtime.Loader.AssemblyLoadContext reached by reflection: netstandard2.0 cannot name it, and on
    /// .NET Framework it does not exist (then <see cref="Create"/> returns null and LoadFrom is used).
    /// </summary>
    private sealed class LoadContextProxy
    {
        private readonly object _context;
        private readonly MethodInfo _loadFromAssemblyPath;

        private LoadContextProxy(object context, MethodInfo loadFromAssemblyPath)
        {
            _context = context;
            _loadFromAssemblyPath = loadFromAssemblyPath;
        }

        public static LoadContextProxy? Create(string name)
        {
            var type = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");
            var constructor = type?.GetConstructor(new[] { typeof(string), typeof(bool) });
            var load = type?.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
            if (constructor == null || load == null) return null;
            return new LoadContextProxy(constructor.Invoke(new object[] { name, false }), load);
        }

        public Assembly LoadFromAssemblyPath(string path) => (Assembly)_loadFromAssemblyPath.Invoke(_context, new object[] { path });
    }
}
