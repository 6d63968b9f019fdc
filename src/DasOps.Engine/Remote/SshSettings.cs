using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Remote;

/// <summary>
/// The ssh options of a run: the transport, the spec's sshConfig, knownHosts and sshKey, each overridable, and the
/// secrets' names to keep from ssh. Everything wrong with them is found here, before any node is touched.
/// </summary>
public static class SshSettings
{
    /// <summary>
    /// Throws <see cref="InputException"/>: FileNotFound when a named ssh config, known_hosts or key file does not exist;
    /// ParameterInvalid when an OpenSSH-only setting (sshConfig) meets the SshNet transport.
    /// </summary>
    public static SshConnectionOptions For(ClusterSpec spec, string? sshConfig = null, string? knownHosts = null, bool acceptNewHostKeys = false,
        Transport? transport = null, string? sshKey = null, string? password = null, string? loginUser = null)
    {
        var effective = transport ?? spec.Transport ?? ClusterSpec.DefaultTransport;
        if (effective == Transport.SshNet)
        {
            if (sshConfig != null)
                throw new InputException(InputErrorKind.ParameterInvalid,
                    "an ssh config (--ssh-config / -SshConfig) is read by OpenSSH only; the SshNet transport reads none. Use --transport openssh / -Transport OpenSsh, or set the user, port and key in the spec (sshUser, sshPort, sshKey).");
            if (spec.SshConfig != null)
                throw new InputException(InputErrorKind.ParameterInvalid,
                    $"{spec.LocationOf("sshConfig")}: sshConfig is an OpenSSH client config and the SshNet transport reads none. Set transport: openssh " +
                    "(or --transport openssh / -Transport OpenSsh), or remove sshConfig and set the user, port and key with sshUser, sshPort and sshKey.");
        }
        var config = effective == Transport.OpenSsh ? sshConfig ?? SpecPaths.Resolve(spec, spec.SshConfig) : null;
        var known = knownHosts ?? SpecPaths.Resolve(spec, spec.KnownHosts);
        if (config != null && !File.Exists(config)) throw new InputException(InputErrorKind.FileNotFound, $"ssh config {config} does not exist.", config);
        // With accept-new, the keys met are recorded (the file is created); otherwise a missing file refuses every host.
        if (known != null && !acceptNewHostKeys && !File.Exists(known))
            throw new InputException(InputErrorKind.FileNotFound,
                $"known_hosts file {known} does not exist (opt in to trusting new keys, --accept-new-host-keys / -AcceptNewHostKey, to create it with the keys found).", known);

        // SSH.NET has no ssh to fall back on: it reads the user's known_hosts, as ssh would. Not named, it need not
        // exist yet (as with ssh): every host is then unknown, and refused unless new keys are accepted.
        if (known == null && effective == Transport.SshNet) known = Path.Combine(HomeDirectory, ".ssh", "known_hosts");

        var keyFiles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in spec.Nodes)
        {
            var key = sshKey ?? SpecPaths.Resolve(spec, spec.SshKeyOf(node));
            if (key == null) continue;
            if (!File.Exists(key)) throw new InputException(InputErrorKind.FileNotFound, $"ssh key {key} (for node {node.Name}) does not exist.", key);
            keyFiles[node.Name] = key;
        }

        if (effective == Transport.OpenSsh)
        {
            // ssh reads "-o UserKnownHostsFile=PATH" as a config line: a space splits it (and with accept-new the keys
            // went into a stray file), and '%' and '~' are expanded. -i expands them too. Refused, never guessed.
            if (known != null) RefuseForSshOption(known, "known_hosts file", "knownHosts / --known-hosts / -KnownHosts");
            foreach (var key in keyFiles.Values.Distinct(StringComparer.Ordinal)) RefuseForSshOption(key, "ssh key", "sshKey / --ssh-key / -SshKey");
        }

        // A password from -SshCredential / --ssh-password-stdin wins over the environment variable the spec names.
        var passwordEnv = spec.Defaults.SshPasswordEnv;
        if (string.IsNullOrEmpty(password) && passwordEnv != null) password = Environment.GetEnvironmentVariable(passwordEnv);
        if (string.IsNullOrEmpty(password)) password = null;
        if (effective == Transport.OpenSsh && password != null)
            throw new InputException(InputErrorKind.ParameterInvalid,
                "password authentication (-SshCredential, --ssh-password-stdin or the spec's sshPasswordEnv) needs the SshNet transport: ssh runs in batch mode and never asks for a password. Use keys with the OpenSsh transport, or --transport sshnet / -Transport SshNet.");
        if (loginUser != null && !Identifiers.IsUnixUser(loginUser))
            throw new InputException(InputErrorKind.ParameterInvalid, $"the credential's user name '{loginUser}' is not a login name (letters, digits, '_', '.', '-'; at most 32).");

        var jumpHosts = new Dictionary<string, JumpHost>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in spec.Nodes)
        {
            if (spec.JumpHostOf(node) is { } jump) jumpHosts[node.Name] = jump;
        }

        var passphraseEnv = spec.Defaults.SshKeyPassphraseEnv;
        var secretNames = new[] { spec.Database.PasswordEnv, spec.Database.AdminPasswordEnv, spec.DepSync?.PasswordEnv, passphraseEnv, passwordEnv }
            .Where(n => !string.IsNullOrEmpty(n)).Select(n => n!).Distinct(StringComparer.Ordinal).ToList();
        return new SshConnectionOptions
        {
            Transport = effective,
            ConfigFile = config,
            KnownHostsFile = known,
            AcceptNewHostKeys = acceptNewHostKeys,
            KeyFiles = keyFiles,
            KeyPassphraseEnv = passphraseEnv,
            Password = password,
            LoginUser = loginUser,
            JumpHosts = jumpHosts,
            ScrubbedEnvironment = secretNames,
        };
    }

    private static void RefuseForSshOption(string path, string what, string where)
    {
        if (path.Any(c => char.IsWhiteSpace(c) || c == '"' || c == '\'' || c == '%' || c == '\\' || char.IsControl(c)))
            throw new InputException(InputErrorKind.ParameterInvalid,
                $"{what} path '{path}' holds a space, quote, backslash or '%', which ssh would split or expand; move the file to a plain path ({where}).", path);
    }

    /// <summary>The key files ssh tries when none is named, in its order.</summary>
    public static IReadOnlyList<string> DefaultKeyFiles =>
        new[] { "id_ed25519", "id_ecdsa", "id_rsa" }.Select(n => Path.Combine(HomeDirectory, ".ssh", n)).ToList();

    internal static string HomeDirectory
    {
        get
        {
            var home = Environment.GetEnvironmentVariable("HOME");
            return string.IsNullOrEmpty(home) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : home!;
        }
    }
}
