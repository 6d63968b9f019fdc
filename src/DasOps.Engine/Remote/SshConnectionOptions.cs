using System;
using System.Collections.Generic;

namespace DasOps.Engine.Remote;

/// <summary>
/// How DasOps drives the OpenSSH client for a run (lab-notes §8). The user's own ssh config stays in charge of
/// Host entries, keys, agents and jump hosts; these settings only add what unattended runs need.
/// </summary>
public sealed class SshConnectionOptions
{
    /// <summary>An ssh_config passed as <c>-F</c>; null means the user's normal ~/.ssh/config and /etc/ssh/ssh_config.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>The known_hosts file host keys are checked against (the global file is then ignored); null means ssh's own choice.</summary>
    public string? KnownHostsFile { get; set; }

    /// <summary>Trust keys of hosts not yet in known_hosts (StrictHostKeyChecking accept-new). A changed key is refused anyway.</summary>
    public bool AcceptNewHostKeys { get; set; }

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A link lost mid-command is noticed after ServerAliveInterval × ServerAliveCountMax; without it ssh hangs.</summary>
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
