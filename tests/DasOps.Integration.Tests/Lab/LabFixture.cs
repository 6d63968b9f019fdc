using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using Xunit;

namespace DasOps.Integration.Tests.Lab;

/// <summary>
/// The lab of <see cref="Nodes"/> hosts (tests/lab/lab.sh): brought up once for the run and down at its end, and
/// rebuilt by <see cref="Reset"/> (under a second) so every test starts from pristine product homes. Not root, or
/// a lab that will not come up, fails every test with the reason: these tests are never skipped.
/// The caller runs the whole test run under `flock /run/dasops-lab-tests.lock`: one lab per machine.
/// </summary>
public sealed class LabFixture : IDisposable
{
    public const int Nodes = 6;

    [DllImport("libc")]
    private static extern uint geteuid();

    public LabFixture()
    {
        if (geteuid() != 0)
            throw new InvalidOperationException("the lab integration tests need root (network namespaces, one sshd per host); run them as root. They are never skipped.");
        if (!File.Exists(SourceTree.LabScript)) throw new InvalidOperationException($"{SourceTree.LabScript} is missing.");
        Reset();
        var env = ReadEnv(Path.Combine(Environment.GetEnvironmentVariable("DASOPS_LAB_DIR") ?? "/var/lib/dasops-lab", "lab.env"));
        LabDir = env["LAB_DIR"];
        SshConfig = env["LAB_SSH_CONFIG"];
        KnownHosts = env["LAB_KNOWN_HOSTS"];
        SshKey = env["LAB_SSH_KEY"];
        Home = env["LAB_HOME"];
    }

    public string LabDir { get; }
    public string SshConfig { get; }
    public string KnownHosts { get; }

    /// <summary>The lab's client key (authorized on every node as root).</summary>
    public string SshKey { get; }

    /// <summary>The product home as the nodes see it (/srv/das).</summary>
    public string Home { get; }

    public static IEnumerable<string> NodeNames { get { for (var i = 1; i <= Nodes; i++) yield return "node" + i; } }

    /// <summary>The node's product home seen from the root namespace ($LAB_DIR/hosts/nodeK/srv/das).</summary>
    public string HomeOf(string node) => Path.Combine(LabDir, "hosts", node, "srv", "das");

    public string HostPath(string node, string relative) => Path.Combine(HomeOf(node), relative);

    /// <summary>A path under the node's /srv (the Spark link lives there).</summary>
    public string SrvPath(string node, string relative) => Path.Combine(LabDir, "hosts", node, "srv", relative);

    public void Reset() => Lab("up", Nodes.ToString());

    public void Fail(string node, string how) => Lab("fail", node, how);

    public void Rekey(string node) => Lab("rekey", node);

    /// <summary>How the node's sshd lets root in: keys (the default), password, or kbd (keyboard-interactive through PAM).</summary>
    public void Auth(string node, string mode) => Lab("auth", node, mode);

    /// <summary>Makes the node's sshd unreachable from the root namespace (on) while other nodes still reach it, or undoes it (off).</summary>
    public void Isolate(string node, string onOrOff) => Lab("isolate", node, onOrOff);

    /// <summary>root's password on nodes switched to password or kbd auth; read from the lab's 0600 file, never passed in argv.</summary>
    public string SshPassword => File.ReadAllText(Path.Combine(LabDir, "ssh", "password")).Trim();

    /// <summary>The node's sshd log (its "Accepted ... for root from IP" lines tell how and from where a login came).</summary>
    public string SshdLog(string node) => File.ReadAllText(Path.Combine(LabDir, "hosts", node, "sshd.log"));

    /// <summary>Runs lab.sh and returns its stdout; throws with its output when it fails.</summary>
    public static string Lab(params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.ArgumentList.Add(SourceTree.LabScript);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(true);
            throw new InvalidOperationException($"lab.sh {string.Join(" ", args)} did not finish within 120 s.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"lab.sh {string.Join(" ", args)} failed (exit {process.ExitCode}):\n{stderr.Result}\n{stdout.Result}");
        return stdout.Result;
    }

    private static Dictionary<string, string> ReadEnv(string file)
    {
        var values = new Dictionary<string, string>();
        foreach (var line in File.ReadAllLines(file))
        {
            var eq = line.IndexOf('=');
            if (eq > 0 && line.StartsWith("LAB_", StringComparison.Ordinal)) values[line.Substring(0, eq)] = line.Substring(eq + 1).Trim('"');
        }
        foreach (var key in new[] { "LAB_DIR", "LAB_SSH_CONFIG", "LAB_KNOWN_HOSTS", "LAB_SSH_KEY", "LAB_HOME" })
            if (!values.ContainsKey(key)) throw new InvalidOperationException($"{file} has no {key}.");
        return values;
    }

    public void Dispose() => Lab("down");
}
