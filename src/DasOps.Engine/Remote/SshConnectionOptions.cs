using System;
using System.Collections.Generic;

namespace DasOps.Engine.Remote;

/// <summary>
/// How DasOps reaches the nodes for a run (lab-notes §8). With OpenSSH, the user's own ssh config stays in charge of
/// Host entries, keys, agents and jump hosts; these settings only add what unattended runs need. With SSH.NET they
/// are all there is: known_hosts, keys, timeouts.
/// </summary>
public sealed class SshConnectionOptions
{
    /// <summary>Which implementation <see cref="RemoteShells.Open"/> hands out.</summary>
    public DasOps.Engine.Spec.Transport Transport { get; set; } = DasOps.Engine.Spec.ClusterSpec.DefaultTransport;

    /// <summary>The private key file of each node (by node name) that has one named (spec sshKey or --ssh-key); others use the defaults.</summary>
    public IReadOnlyDictionary<string, string> KeyFiles { get; set; } = new Dictionary<string, string>();

    /// <summary>The environment variable holding the keys' passphrase (SshNet transport); null when the keys are not encrypted.</summary>
    public string? KeyPassphraseEnv { get; set; }

    /// <summary>
    /// The login password (from -SshCredential, --ssh-password-stdin or the spec's sshPasswordEnv), tried after the keys
    /// with password and keyboard-interactive authentication. SshNet transport only; never logged.
    /// </summary>
    public string? Password { get; set; }

    /// <summary>The login name on every node (the -SshCredential user), overriding sshUser; null keeps the spec's.</summary>
    public string? LoginUser { get; set; }

    /// <summary>The bastion of each node reached through one (by node name).</summary>
    public IReadOnlyDictionary<string, DasOps.Engine.Spec.JumpHost> JumpHosts { get; set; } = new Dictionary<string, DasOps.Engine.Spec.JumpHost>();

    /// <summary>An ssh_config passed as <c>-F</c>; null means the user's normal ~/.ssh/config and /etc/ssh/ssh_config.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>The known_hosts file host keys are checked against (the global file is then ignored); null means ssh's own choice.</summary>
    public string? KnownHostsFile { get; set; }

    /// <summary>Trust keys of hosts not yet in known_hosts (StrictHostKeyChecking accept-new). A changed key is refused anyway.</summary>
    public bool AcceptNewHostKeys { get; set; }

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A link lost mid-command is noticed after ServerAliveInterval × ServerAliveCountMax; without it ssh hangs. SSH.NET
    /// sends a keep-alive every interval and, while commands run, checks the peer answers within interval × count.
    /// </summary>
    public int ServerAliveInterval { get; set; } = 5;

    public int ServerAliveCountMax { get; set; } = 3;

    /// <summary>How long an idle master connection outlives its last command if Dispose never runs.</summary>
    public TimeSpan ControlPersist { get; set; } = TimeSpan.FromSeconds(60);

    public string SshExecutable { get; set; } = "ssh";

    public string KeyscanExecutable { get; set; } = "ssh-keyscan";

    public string KeygenExecutable { get; set; } = "ssh-keygen";

    /// <summary>Environment variables (the secrets' names) removed from every ssh process: ssh has no use for them.</summary>
    public IReadOnlyCollection<string> ScrubbedEnvironment { get; set; } = Array.Empty<string>();
}
