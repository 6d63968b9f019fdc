using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Remote;

namespace DasOps.Engine.Remote.OpenSsh;

/// <summary>
/// Turns what ssh prints on exit 255 into an error an operator can act on. Host key refusals are told apart
/// (unknown key or changed key) and name the fingerprint the host offers, which ssh itself prints only for a
/// changed key; for an unknown key it is fetched with ssh-keyscan and ssh-keygen -l.
/// </summary>
internal static class SshFailure
{
    private static readonly Regex Fingerprint = new Regex(@"SHA256:[A-Za-z0-9+/]{43}", RegexOptions.CultureInvariant);
    private static readonly Regex SentKeyType = new Regex(@"fingerprint for the (\S+) key sent by the remote host", RegexOptions.CultureInvariant);
    private static readonly Regex UnknownKeyType = new Regex(@"No (\S+) host key is known for", RegexOptions.CultureInvariant);
    private static readonly Regex OffendingFile = new Regex(@"Offending \S+ key in (.+):\d+", RegexOptions.CultureInvariant);

    public static HostKeyProblem Classify(string standardError)
    {
        if (standardError.IndexOf("REMOTE HOST IDENTIFICATION HAS CHANGED", StringComparison.Ordinal) >= 0) return HostKeyProblem.Changed;
        if (standardError.IndexOf("Host key verification failed", StringComparison.Ordinal) >= 0) return HostKeyProblem.Unknown;
        return HostKeyProblem.None;
    }

    /// <summary>The lines of ssh's stderr worth showing (the banner and advice of a refusal are dropped elsewhere).</summary>
    public static string Summarize(string standardError)
    {
        var lines = standardError.Replace("\r", "").Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith("Warning: Permanently added", StringComparison.Ordinal))
            .ToList();
        return lines.Count == 0 ? "ssh exited with 255 and said nothing" : string.Join(" / ", lines.Skip(Math.Max(0, lines.Count - 3)));
    }

    public static async Task<string> DescribeHostKeyAsync(HostKeyProblem problem, SshConnectionOptions options, SshTarget target,
        string standardError, CancellationToken cancellationToken)
    {
        var effective = await EffectiveConfigAsync(options, target, cancellationToken).ConfigureAwait(false);
        var hostName = effective.TryGetValue("hostname", out var h) ? h : target.Host;
        var port = effective.TryGetValue("port", out var p) ? p : "22";
        var knownHosts = options.KnownHostsFile
            ?? (OffendingFile.Match(standardError) is { Success: true } m ? m.Groups[1].Value.Trim() : null)
            ?? (effective.TryGetValue("userknownhostsfile", out var k) ? k.Split(' ')[0] : "known_hosts");
        var keyType = (problem == HostKeyProblem.Changed ? SentKeyType : UnknownKeyType).Match(standardError) is { Success: true } t ? t.Groups[1].Value : null;

        var fingerprint = Fingerprint.Match(standardError) is { Success: true } f ? f.Value : null;
        if (fingerprint == null)
        {
            fingerprint = effective.TryGetValue("proxyjump", out var jump) && jump != "none"
                ? $"(not fetched: the host is reached through ProxyJump {jump})"
                : await ScanFingerprintAsync(options, hostName, port, keyType, cancellationToken).ConfigureAwait(false);
        }
        var where = target.Host == hostName ? $"{hostName} port {port}" : $"{target.Host} ({hostName} port {port})";
        var offered = keyType != null ? $"{keyType} key {fingerprint}" : $"key {fingerprint}";
        return problem == HostKeyProblem.Changed
            ? $"host key of {where} has CHANGED: the host now offers {offered}, which does not match {knownHosts}. " +
              "DasOps never accepts a changed key (it may be a man-in-the-middle). If the change is expected, verify the new " +
              $"fingerprint, remove the old key (ssh-keygen -R {hostName} -f {knownHosts}) and add the new one."
            : $"host key of {where} is not known: the host offers {offered}, which is not in {knownHosts}. " +
              "Verify the fingerprint and add the key to known_hosts, or opt in to trusting new keys (--accept-new-host-keys / -AcceptNewHostKey).";
    }

    private static async Task<Dictionary<string, string>> EffectiveConfigAsync(SshConnectionOptions options, SshTarget target, CancellationToken cancellationToken)
    {
        var args = OpenSshArguments.EffectiveConfig(options, target);
        var result = await ProcessRunner.RunAsync(args[0], args, 1, null, TimeSpan.FromSeconds(10), cancellationToken, options.ScrubbedEnvironment).ConfigureAwait(false);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!result.Succeeded) return values;
        foreach (var line in result.Output.Split('\n'))
        {
            var space = line.IndexOf(' ');
            if (space > 0 && !values.ContainsKey(line.Substring(0, space))) values[line.Substring(0, space)] = line.Substring(space + 1).Trim();
        }
        return values;
    }

    private static async Task<string> ScanFingerprintAsync(SshConnectionOptions options, string hostName, string port, string? keyType,
        CancellationToken cancellationToken)
    {
        var scan = new List<string> { options.KeyscanExecutable, "-T", "5", "-p", port };
        if (keyType != null) scan.AddRange(new[] { "-t", keyType.ToLowerInvariant() });
        scan.Add(hostName);
        var keys = await ProcessRunner.RunAsync(scan[0], scan, 1, null, TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false);
        if (!keys.Succeeded || keys.StandardOutput.Length == 0) return "(unknown: ssh-keyscan got no key)";
        var keygen = new[] { options.KeygenExecutable, "-l", "-f", "-" };
        var listed = await ProcessRunner.RunAsync(keygen[0], keygen, 1, keys.StandardOutput, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        var found = Fingerprint.Matches(listed.Output).Cast<Match>().Select(m => m.Value).Distinct().ToList();
        return found.Count == 0 ? "(unknown: ssh-keygen could not read the scanned key)" : string.Join(", ", found);
    }
}
