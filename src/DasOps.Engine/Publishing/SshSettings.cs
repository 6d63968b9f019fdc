using System;
using System.IO;
using System.Linq;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;
using DasOps.Engine.Diagnostics;

namespace DasOps.Engine.Publishing;

/// <summary>The ssh options of a run: the spec's sshConfig and knownHosts, each overridable, and the secrets' names to keep from ssh.</summary>
public static class SshSettings
{
    /// <summary>Throws <see cref="InputException"/> (FileNotFound) when a named ssh config or known_hosts file does not exist.</summary>
    public static SshConnectionOptions For(ClusterSpec spec, string? sshConfig = null, string? knownHosts = null, bool acceptNewHostKeys = false)
    {
        var config = sshConfig ?? SpecPaths.Resolve(spec, spec.SshConfig);
        var known = knownHosts ?? SpecPaths.Resolve(spec, spec.KnownHosts);
        if (config != null && !File.Exists(config)) throw new InputException(InputErrorKind.FileNotFound, $"ssh config {config} does not exist.", config);
        // With accept-new, ssh creates the file and records the keys it meets; otherwise a missing file refuses every host.
        if (known != null && !acceptNewHostKeys && !File.Exists(known))
            throw new InputException(InputErrorKind.FileNotFound,
                $"known_hosts file {known} does not exist (opt in to trusting new keys, --accept-new-host-keys / -AcceptNewHostKey, to create it with the keys found).", known);
        var secretNames = new[] { spec.Database.PasswordEnv, spec.Database.AdminPasswordEnv, spec.DepSync?.PasswordEnv }
            .Where(n => !string.IsNullOrEmpty(n)).Select(n => n!).Distinct(StringComparer.Ordinal).ToList();
        return new SshConnectionOptions
        {
            ConfigFile = config,
            KnownHostsFile = known,
            AcceptNewHostKeys = acceptNewHostKeys,
            ScrubbedEnvironment = secretNames,
        };
    }
}
