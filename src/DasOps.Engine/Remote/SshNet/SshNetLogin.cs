using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace DasOps.Engine.Remote.SshNet;

/// <summary>
/// Opens and authenticates one SSH.NET connection, to a node or a bastion: the host key checked against known_hosts
/// with OpenSSH's rules, then the keys, then (when a password is given) password and keyboard-interactive
/// authentication, in ssh's order. The address dialled may differ from the target (a port forwarded through a
/// bastion); the host key is always checked for the target's own name and port.
/// </summary>
internal static class SshNetLogin
{
    public static async Task<SshClient> ConnectAsync(SshNetTarget target, SshConnectionOptions options, string dialHost, int dialPort)
    {
        var keys = SshNetKeys.Load(target, options, keysOptional: options.Password != null);
        var prompts = new KeyboardPrompts(options.Password);
        var methods = new List<AuthenticationMethod>();
        if (keys.Count > 0) methods.Add(new PrivateKeyAuthenticationMethod(target.User, keys.ToArray()));
        if (options.Password != null)
        {
            methods.Add(new PasswordAuthenticationMethod(target.User, options.Password));
            var interactive = new KeyboardInteractiveAuthenticationMethod(target.User);
            interactive.AuthenticationPrompt += prompts.Answer;
            methods.Add(interactive);
        }
        var info = new ConnectionInfo(dialHost, dialPort, target.User, methods.ToArray()) { Timeout = options.ConnectTimeout };
        var knownHosts = options.KnownHostsFile != null ? KnownHosts.Read(options.KnownHostsFile) : null;
        if (knownHosts != null) PreferKnownKeyTypes(info, knownHosts.KeyTypesFor(target.Host, target.Port));
        var client = new SshClient(info) { KeepAliveInterval = TimeSpan.FromSeconds(options.ServerAliveInterval) };
        string? refusal = null;
        client.HostKeyReceived += (_, e) =>
        {
            refusal = CheckHostKey(target, options, knownHosts, e.HostKey);
            e.CanTrust = refusal == null;
        };
        try
        {
            using var timeout = new CancellationTokenSource(options.ConnectTimeout + TimeSpan.FromSeconds(5));
            await client.ConnectAsync(timeout.Token).ConfigureAwait(false);
            return client;
        }
        catch (Exception e) when (refusal != null)
        {
            client.Dispose();
            throw new SshNetFailure(refusal, hostKeyRejected: true, e);
        }
        catch (SshAuthenticationException e)
        {
            client.Dispose();
            throw new SshNetFailure($"ssh to {target} failed: {Denied(e, keys.Count > 0, options.Password != null)}{prompts.Refused}", hostKeyRejected: false, e)
                { AuthenticationFailed = true };
        }
        catch (Exception e) when (!(e is SshNetFailure))
        {
            client.Dispose();
            throw new SshNetFailure($"ssh to {target} failed: {Describe(target, e)}", hostKeyRejected: false, e);
        }
    }

    /// <summary>ssh's "Permission denied (methods)", and what was offered, so a wrong password reads differently from a refused key.</summary>
    private static string Denied(SshAuthenticationException e, bool hadKeys, bool hadPassword)
    {
        var said = e.Message.StartsWith("Permission denied", StringComparison.Ordinal) ? e.Message : $"Permission denied ({e.Message})";
        var offered = hadKeys && hadPassword ? "the key(s) and the password were refused" : hadPassword ? "the password was refused" : "the key(s) were refused";
        return $"{said.TrimEnd('.')}: {offered}.";
    }

    public static string Describe(SshNetTarget target, Exception e) => e switch
    {
        SocketException s => $"connect to host {target.Host} port {target.Port}: {s.Message}",
        SshOperationTimeoutException _ => $"connect to host {target.Host} port {target.Port}: Connection timed out",
        OperationCanceledException _ => $"connect to host {target.Host} port {target.Port}: Connection timed out",
        SshConnectionException c => c.Message,
        ProxyException p => p.Message,
        _ => e.Message,
    };

    /// <summary>
    /// Answers keyboard-interactive prompts that ask for the password (PAM's "Password: ") with it; any other prompt (a
    /// one-time code, a question) is answered empty, which the server refuses, and named in the error.
    /// </summary>
    private sealed class KeyboardPrompts
    {
        private readonly string? _password;
        private readonly List<string> _refused = new List<string>();

        public KeyboardPrompts(string? password) => _password = password;

        public string Refused
        {
            get
            {
                lock (_refused)
                    return _refused.Count == 0 ? "" : $" The server asked {string.Join(", ", _refused.Select(p => "'" + p.Trim() + "'"))}, which DasOps does not answer (only password prompts are answered, with the password).";
            }
        }

        public void Answer(object? sender, AuthenticationPromptEventArgs e)
        {
            foreach (var prompt in e.Prompts)
            {
                if (!prompt.IsEchoed && _password != null && prompt.Request.IndexOf("password", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    prompt.Response = _password;
                    continue;
                }
                lock (_refused) _refused.Add(prompt.Request);
                prompt.Response = "";
            }
        }
    }

    private static string? CheckHostKey(SshNetTarget target, SshConnectionOptions options, KnownHosts? knownHosts, byte[] blob)
    {
        var file = options.KnownHostsFile ?? "known_hosts";
        var (verdict, line) = knownHosts?.Check(target.Host, target.Port, blob) ?? (HostKeyVerdict.Unknown, 0);
        var offered = $"{KnownHosts.DisplayType(KnownHosts.KeyType(blob))} key {KnownHosts.Fingerprint(blob)}";
        var where = $"{target.Node} ({target.Host} port {target.Port})";
        switch (verdict)
        {
            case HostKeyVerdict.Known:
                return null;
            case HostKeyVerdict.Unknown when options.AcceptNewHostKeys && options.KnownHostsFile != null:
                KnownHosts.Append(options.KnownHostsFile, target.Host, target.Port, blob);
                return null;
            case HostKeyVerdict.Unknown:
                return $"host key of {where} is not known: the host offers {offered}, which is not in {file}. " +
                    "Verify the fingerprint and add the key to known_hosts, or opt in to trusting new keys (--accept-new-host-keys / -AcceptNewHostKey).";
            case HostKeyVerdict.Revoked:
                return $"host key of {where} is REVOKED: the host offers {offered}, marked @revoked in {file}:{line}. DasOps never accepts a revoked key.";
            default:
                return $"host key of {where} has CHANGED: the host now offers {offered}, which does not match {file}:{line}. " +
                    "DasOps never accepts a changed key (it may be a man-in-the-middle). If the change is expected, verify the new " +
                    $"fingerprint, remove the old key (ssh-keygen -R {KnownHosts.HostEntryName(target.Host, target.Port)} -f {file}) and add the new one.";
        }
    }

    /// <summary>Like ssh, ask first for a host key of a type known_hosts holds for the host, so a second key type is not mistaken for a change.</summary>
    private static void PreferKnownKeyTypes(ConnectionInfo info, IReadOnlyList<string> knownTypes)
    {
        if (knownTypes.Count == 0) return;
        var wanted = new HashSet<string>(knownTypes.SelectMany(t => t == "ssh-rsa" ? new[] { "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa" } : new[] { t }), StringComparer.Ordinal);
        var all = info.HostKeyAlgorithms.ToList();
        if (!all.Any(a => wanted.Contains(a.Key))) return;
        info.HostKeyAlgorithms.Clear();
        foreach (var pair in all.Where(a => wanted.Contains(a.Key)).Concat(all.Where(a => !wanted.Contains(a.Key)))) info.HostKeyAlgorithms.Add(pair.Key, pair.Value);
    }
}
