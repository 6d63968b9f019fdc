using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using DasOps.Engine.Planning;
using DasOps.Engine.Remote;
using DasOps.Engine.Remote.OpenSsh;
using DasOps.Engine.Secrets;
using DasOps.Engine.Spec;

namespace DasOps.Cluster.Tests;

/// <summary>
/// A lab of N namespaced hosts whose product homes run the node emulator, configured from a spec. The configuration
/// is rendered straight into the hosts' homes (publishing over SSH is tested on its own); everything after that goes
/// through the real sshd of each host.
/// </summary>
public sealed class Lab : IDisposable
{
    private static readonly Lazy<string> EmulatorDir = new Lazy<string>(PublishEmulator);

    public Lab(int nodes, Func<string, string> specYaml)
    {
        Root = FindRoot();
        Env("LAB_EMULATOR_DIR", EmulatorDir.Value);
        Run(LabScript, "up", nodes.ToString());
        SpecPath = Path.Combine(LabDir, "cluster-test.yaml");
        File.WriteAllText(SpecPath, specYaml(LabDir));
        Spec = SpecLoader.LoadFile(SpecPath);
        var errors = SpecValidator.Validate(Spec);
        if (errors.Count > 0) throw new InvalidOperationException(string.Join("\n", errors));
        Connections = new OpenSshConnections(Spec, new SshConnectionOptions
        {
            ConfigFile = Path.Combine(LabDir, "ssh", "ssh_config"),
            KnownHostsFile = Path.Combine(LabDir, "ssh", "known_hosts"),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        });
        Configure();
    }

    public string Root { get; }
    public string SpecPath { get; }
    public ClusterSpec Spec { get; }
    public OpenSshConnections Connections { get; }
    public static string LabDir => Environment.GetEnvironmentVariable("DASOPS_LAB_DIR") ?? "/var/lib/dasops-lab";
    public string LabScript => Path.Combine(Root, "tests", "lab", "lab.sh");
    public IRemoteShell ShellFor(NodeSpec node) => Connections.ShellFor(node);

    /// <summary>The host-side path of a file in a node's product home.</summary>
    public string HomeFile(string node, string relative) => Path.Combine(LabDir, "hosts", HostOf(node), "srv", "das", relative);

    /// <summary>The lab host (nodeK, at 10.77.0.(10+K)) that a spec node lives on.</summary>
    public string HostOf(string node)
    {
        var host = Spec.FindNode(node)?.Host ?? throw new ArgumentException($"no node {node} in the spec");
        return "node" + (int.Parse(host.Substring(host.LastIndexOf('.') + 1)) - 10);
    }

    public void Dispose()
    {
        Connections.Dispose();
        try { Run(LabScript, "down"); } catch (InvalidOperationException) { }
    }

    private void Configure()
    {
        var secrets = new ClusterSecrets { DatabasePassword = "lab-password" };
        foreach (var node in Spec.Nodes)
        {
            var plan = ConfigurationPlanner.PlanNode(Spec, node, secrets,
                path => File.Exists(HomeFile(node.Name, path)) ? CurrentFile.WithContent(path, File.ReadAllBytes(HomeFile(node.Name, path))) : CurrentFile.Missing(path),
                driverJar: null);
            foreach (var file in plan.Files) File.WriteAllBytes(HomeFile(node.Name, file.Path), file.Desired);
            if (Spec.SparkSymlinkOf(node) is { } link)
                Run(LabScript, "exec", HostOf(node.Name), "--", "ln", "-sfn", Spec.HomeOf(node), link);
        }
    }

    public static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in Extra) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(" ", args)} failed ({p.ExitCode}): {stderr}");
        return stdout.Result;
    }

    private static readonly Dictionary<string, string> Extra = new Dictionary<string, string>();

    private static void Env(string key, string value) => Extra[key] = value;

    private static string PublishEmulator()
    {
        var root = FindRoot();
        var dir = Path.Combine(Path.GetTempPath(), "dasops-emulator-publish");
        Run("dotnet", "publish", Path.Combine(root, "tests", "DasOps.NodeEmulator", "DasOps.NodeEmulator.csproj"), "-c", "Release", "-o", dir, "-nologo", "-v", "quiet");
        return dir;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "DasOps.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("DasOps.slnx not found");
    }
}
