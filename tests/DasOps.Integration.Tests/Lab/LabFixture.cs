using System;
using System.Collections.Generic;
using System.IO;
using DasOps.TestLab;

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

    private LabEnvironment _environment;

    public LabFixture() => _environment = LabHosts.Up(Nodes);

    public LabEnvironment Environment => _environment;
    public string LabDir => _environment.Dir;
    public string SshConfig => _environment.SshConfig;
    public string KnownHosts => _environment.KnownHosts;

    /// <summary>The lab's client key (authorized on every node as root).</summary>
    public string SshKey => _environment.SshKey;

    /// <summary>The product home as the nodes see it (/srv/das).</summary>
    public string Home => _environment.Home;

    public static IEnumerable<string> NodeNames { get { for (var i = 1; i <= Nodes; i++) yield return "node" + i; } }

    /// <summary>The node's product home seen from the root namespace ($LAB_DIR/hosts/nodeK/srv/das).</summary>
    public string HomeOf(string node) => _environment.HomeOf(node);

    public string HostPath(string node, string relative) => _environment.HostPath(node, relative);

    /// <summary>A path under the node's /srv (the Spark link lives there).</summary>
    public string SrvPath(string node, string relative) => _environment.SrvPath(node, relative);

    public void Reset() => _environment = LabHosts.Up(Nodes);

    public void Fail(string node, string how) => LabHosts.Fail(node, how);

    public void Rekey(string node) => LabHosts.Rekey(node);

    /// <summary>How the node's sshd lets root in: keys (the default), password, or kbd (keyboard-interactive through PAM).</summary>
    public void Auth(string node, string mode) => Lab("auth", node, mode);

    /// <summary>Makes the node's sshd unreachable from the root namespace (on) while other nodes still reach it, or undoes it (off).</summary>
    public void Isolate(string node, string onOrOff) => Lab("isolate", node, onOrOff);

    /// <summary>root's password on nodes switched to password or kbd auth; read from the lab's 0600 file, never passed in argv.</summary>
    public string SshPassword => File.ReadAllText(_environment.Values["LAB_SSH_PASSWORD_FILE"]).Trim();

    /// <summary>The node's sshd log (its "Accepted ... for root from IP" lines tell how and from where a login came).</summary>
    public string SshdLog(string node) => File.ReadAllText(Path.Combine(_environment.Dir, "hosts", node, "sshd.log"));

    /// <summary>Runs lab.sh and returns its stdout; throws with its output when it fails.</summary>
    public static string Lab(params string[] args) => LabScript.Run(args);

    public void Dispose() => LabHosts.Down();
}
