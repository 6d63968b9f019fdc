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
using DasOps.TestLab;

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
        Environment = LabHosts.Up(nodes, new Dictionary<string, string> { ["LAB_EMULATOR_DIR"] = EmulatorDir.Value });
        SpecPath = Path.Combine(LabDir, "cluster-test.yaml");
        File.WriteAllText(SpecPath, specYaml(LabDir));
        Spec = SpecLoader.LoadFile(SpecPath);
        var errors = SpecValidator.Validate(Spec);
        if (errors.Count > 0) throw new InvalidOperationException(string.Join("\n", errors));
        Connections = new OpenSshConnections(Spec, new SshConnectionOptions
        {
            ConfigFile = Environment.SshConfig,
            KnownHostsFile = Environment.KnownHosts,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        });
        Configure();
    }

    public string Root => SourceTree.Root;
    public LabEnvironment Environment { get; }
    public string SpecPath { get; }
    public ClusterSpec Spec { get; }
    public OpenSshConnections Connections { get; }
    public static string LabDir => LabEnvironment.StateDirectory;
    public string LabScript => SourceTree.LabScript;
    public IRemoteShell ShellFor(NodeSpec node) => Connections.ShellFor(node);

    /// <summary>The host-side path of a file in a node's product home.</summary>
    public string HomeFile(string node, string relative) => Environment.HostPath(HostOf(node), relative);

    /// <summary>The lab host (nodeK, at 10.77.0.(10+K)) that a spec node lives on.</summary>
    public string HostOf(string node)
    {
        var host = Spec.FindNode(node)?.Host ?? throw new ArgumentException($"no node {node} in the spec");
        return Environment.HostAt(host);
    }

    public void Dispose()
    {
        Connections.Dispose();
        try { LabHosts.Down(); } catch (InvalidOperationException) { }
    }

    private void Configure()
    {
        var secrets = new ClusterSecrets { DatabasePassword = "lab-password" };
        foreach (var node in Spec.Nodes)
        {
            var plan = ConfigurationPlanner.PlanNode(Spec, node, secrets,
                path => File.Exists(HomeFile(node.Name, path)) ? CurrentFile.WithContent(path, File.ReadAllBytes(HomeFile(node.Name, path))) : CurrentFile.Missing(path),
                jars: DasOps.Engine.Planning.Library.LibraryJars.None);
            foreach (var file in plan.Files) File.WriteAllBytes(HomeFile(node.Name, file.Path), file.Desired);
            if (Spec.SparkSymlinkOf(node) is { } link)
                Run(LabScript, "exec", HostOf(node.Name), "--", "ln", "-sfn", Spec.HomeOf(node), link);
        }
    }

    /// <summary>Runs a program (lab.sh included) and returns its stdout; throws with its output when it fails.</summary>
    public static string Run(string file, params string[] args) =>
        DasOps.TestLab.LabScript.RunProgram(file, null, DasOps.TestLab.LabScript.DefaultTimeout, args);

    private static string PublishEmulator()
    {
        var dir = Path.Combine(Path.GetTempPath(), "dasops-emulator-publish");
        Run("dotnet", "publish", Path.Combine(SourceTree.Root, "tests", "DasOps.NodeEmulator", "DasOps.NodeEmulator.csproj"), "-c", "Release", "-o", dir, "-nologo", "-v", "quiet");
        return dir;
    }

}
