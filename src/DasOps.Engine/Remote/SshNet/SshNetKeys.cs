using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace DasOps.Engine.Remote.SshNet;

/// <summary>
/// The private keys a node is logged in with: the one the spec or --ssh-key names, else the first of ssh's default
/// files that exist (~/.ssh/id_ed25519, id_ecdsa, id_rsa). OpenSSH-format keys; an encrypted key's passphrase comes
/// from the environment variable the spec names (sshKeyPassphraseEnv), never from argv or the spec itself.
/// </summary>
internal static class SshNetKeys
{
    /// <param name="keysOptional">A password is there to log in with: no key at all is then no error (ssh, too, goes on to the password).</param>
    public static List<IPrivateKeySource> Load(SshNetTarget target, SshConnectionOptions options, bool keysOptional = false)
    {
        var files = target.KeyFile != null ? new[] { target.KeyFile } : SshSettings.DefaultKeyFiles.Where(File.Exists).ToArray();
        if (files.Length == 0 && keysOptional) return new List<IPrivateKeySource>();
        if (files.Length == 0)
            throw new SshNetFailure($"ssh to {target} failed: no private key: none of {string.Join(", ", SshSettings.DefaultKeyFiles)} exists; name one with sshKey in the spec (or --ssh-key / -SshKey).", false);
        var passphrase = options.KeyPassphraseEnv != null ? Environment.GetEnvironmentVariable(options.KeyPassphraseEnv) : null;
        var keys = new List<IPrivateKeySource>();
        foreach (var file in files)
        {
            try
            {
                keys.Add(string.IsNullOrEmpty(passphrase) ? new PrivateKeyFile(file) : new PrivateKeyFile(file, passphrase));
            }
            catch (SshPassPhraseNullOrEmptyException)
            {
                throw new SshNetFailure(options.KeyPassphraseEnv == null
                    ? $"ssh to {target} failed: the key {file} is encrypted; name the environment variable holding its passphrase with defaults.sshKeyPassphraseEnv in the spec."
                    : $"ssh to {target} failed: the key {file} is encrypted and the environment variable {options.KeyPassphraseEnv} is not set.", false);
            }
            catch (Exception e) when (e is SshException || e is InvalidOperationException || e is ArgumentException || e is IOException || e is FormatException
                                      || e is System.Security.Cryptography.CryptographicException)
            {
                // a wrong passphrase or a key format SSH.NET cannot read; with several default keys, the others may do
                if (target.KeyFile != null || files.Length == 1)
                    throw new SshNetFailure($"ssh to {target} failed: cannot read the private key {file}: {e.Message}", false, e);
            }
        }
        if (keys.Count == 0) throw new SshNetFailure($"ssh to {target} failed: none of the keys {string.Join(", ", files)} could be read.", false);
        return keys;
    }
}
