using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DasOps.Engine.Remote;

namespace DasOps.Engine.Remote.OpenSsh;

/// <summary>The argument vectors DasOps gives ssh. Never a shell string: each value is one argv element.</summary>
internal static class OpenSshArguments
{
    /// <summary><c>ssh [options] -- HOST 'quoted remote command'</c>, multiplexed over the run's master.</summary>
    public static List<string> Run(SshConnectionOptions options, SshTarget target, string controlPath, string remoteCommand)
    {
        var args = Common(options, target);
        args.AddRange(new[]
        {
            "-o", "BatchMode=yes",
            "-o", "ConnectTimeout=" + Seconds(options.ConnectTimeout.TotalSeconds),
            "-o", "ServerAliveInterval=" + options.ServerAliveInterval.ToString(CultureInfo.InvariantCulture),
            "-o", "ServerAliveCountMax=" + options.ServerAliveCountMax.ToString(CultureInfo.InvariantCulture),
            "-o", "ControlMaster=auto",
            "-o", "ControlPath=" + controlPath,
            "-o", "ControlPersist=" + Seconds(options.ControlPersist.TotalSeconds),
            "-o", "StrictHostKeyChecking=" + (options.AcceptNewHostKeys ? "accept-new" : "yes"),
        });
        if (options.KnownHostsFile != null)
        {
            args.AddRange(new[] { "-o", "UserKnownHostsFile=" + options.KnownHostsFile, "-o", "GlobalKnownHostsFile=/dev/null" });
        }
        // The spec's sshKey (or --ssh-key) for this node; without it the ssh config and agent decide.
        if (options.KeyFiles.TryGetValue(target.Node, out var key)) args.AddRange(new[] { "-i", key, "-o", "IdentitiesOnly=yes" });
        // No pseudo-terminal even if the config asks for one: the streams carry binary data.
        args.Add("-T");
        args.Add("--");
        args.Add(target.Host);
        args.Add(remoteCommand);
        return args;
    }

    /// <summary><c>ssh -O exit</c>: ends the run's master; the control path must be the one the commands used.</summary>
    public static List<string> ExitMaster(SshConnectionOptions options, SshTarget target, string controlPath)
    {
        var args = Common(options, target);
        args.AddRange(new[] { "-o", "ControlPath=" + controlPath, "-O", "exit", "--", target.Host });
        return args;
    }

    /// <summary>
    /// <c>ssh -O forward|cancel -L 127.0.0.1:LOCAL:HOST:PORT</c>: asks the run's master to open (or close) a local
    /// forward. The master must be running; ExitOnForwardFailure makes a port already taken an error, not a warning.
    /// </summary>
    public static List<string> Forward(SshConnectionOptions options, SshTarget target, string controlPath, bool open, int localPort, string host, int port)
    {
        var args = Common(options, target);
        var remote = host.IndexOf(':') >= 0 ? "[" + host + "]" : host;
        args.AddRange(new[]
        {
            "-o", "ControlPath=" + controlPath, "-o", "ExitOnForwardFailure=yes",
            "-O", open ? "forward" : "cancel",
            "-L", "127.0.0.1:" + localPort.ToString(CultureInfo.InvariantCulture) + ":" + remote + ":" + port.ToString(CultureInfo.InvariantCulture),
            "--", target.Host,
        });
        return args;
    }

    /// <summary>
    /// <c>ssh -v -W HOST:PORT</c> over the run's master (ControlMaster=no: never a master itself): the master opens a
    /// direct-tcpip channel and answers only once the node's SSH server confirmed or refused it, which -v shows.
    /// </summary>
    public static List<string> StdioForward(SshConnectionOptions options, SshTarget target, string controlPath, string host, int port)
    {
        var args = Common(options, target);
        var remote = host.IndexOf(':') >= 0 ? "[" + host + "]" : host;
        args.AddRange(new[]
        {
            "-v", "-o", "BatchMode=yes", "-o", "ControlMaster=no", "-o", "ControlPath=" + controlPath,
            "-W", remote + ":" + port.ToString(CultureInfo.InvariantCulture), "--", target.Host,
        });
        return args;
    }

    /// <summary><c>ssh -G</c>: the effective settings for the host (real host name, port, jump host), without connecting.</summary>
    public static List<string> EffectiveConfig(SshConnectionOptions options, SshTarget target)
    {
        var args = Common(options, target);
        args.AddRange(new[] { "-G", "--", target.Host });
        return args;
    }

    private static List<string> Common(SshConnectionOptions options, SshTarget target)
    {
        var args = new List<string> { options.SshExecutable };
        if (options.ConfigFile != null) args.AddRange(new[] { "-F", options.ConfigFile });
        if (target.User != null) args.AddRange(new[] { "-l", target.User });
        if (target.Port != null) args.AddRange(new[] { "-p", target.Port.Value.ToString(CultureInfo.InvariantCulture) });
        if (options.JumpHosts.TryGetValue(target.Node, out var jump)) args.AddRange(new[] { "-o", "ProxyCommand=" + ProxyCommand(options, target, jump) });
        return args;
    }

    /// <summary>
    /// The spec's jumpHost as ssh's ProxyJump would run it (<c>ssh -W [%h]:%p bastion</c>), but spelled out: ProxyJump's
    /// inner ssh reads only the ssh config, so the bastion's host key would not be checked against the spec's known_hosts
    /// nor its login use the spec's key. ssh runs this through the shell after expanding '%' tokens: every value is
    /// shell-quoted and its '%' doubled.
    /// </summary>
    private static string ProxyCommand(SshConnectionOptions options, SshTarget target, DasOps.Engine.Spec.JumpHost jump)
    {
        var quoted = ShellQuoting.Join(Bastion(options, target, jump).Select(a => a.Replace("%", "%%")));
        return quoted + " -W '[%h]:%p' -- " + ShellQuoting.Quote(jump.Host.Replace("%", "%%"));
    }

    /// <summary>
    /// <c>ssh [the proxy's options] -- bastion true</c>: ssh sends a ProxyCommand's stderr to /dev/null once a master
    /// may persist, so why the bastion refused (a host key) is learnt by logging in to it once more, on failure only.
    /// </summary>
    public static List<string> BastionCheck(SshConnectionOptions options, SshTarget target, DasOps.Engine.Spec.JumpHost jump)
    {
        var args = Bastion(options, target, jump);
        args.AddRange(new[] { "-T", "--", jump.Host, "true" });
        return args;
    }

    private static List<string> Bastion(SshConnectionOptions options, SshTarget target, DasOps.Engine.Spec.JumpHost jump)
    {
        var args = new List<string> { options.SshExecutable };
        if (options.ConfigFile != null) args.AddRange(new[] { "-F", options.ConfigFile });
        var user = jump.User ?? target.User;
        if (user != null) args.AddRange(new[] { "-l", user });
        args.AddRange(new[]
        {
            "-p", jump.Port.ToString(CultureInfo.InvariantCulture),
            "-o", "BatchMode=yes",
            "-o", "ConnectTimeout=" + Seconds(options.ConnectTimeout.TotalSeconds),
            "-o", "ServerAliveInterval=" + options.ServerAliveInterval.ToString(CultureInfo.InvariantCulture),
            "-o", "ServerAliveCountMax=" + options.ServerAliveCountMax.ToString(CultureInfo.InvariantCulture),
            "-o", "ControlMaster=no", "-o", "ControlPath=none",
            "-o", "StrictHostKeyChecking=" + (options.AcceptNewHostKeys ? "accept-new" : "yes"),
        });
        if (options.KnownHostsFile != null) args.AddRange(new[] { "-o", "UserKnownHostsFile=" + options.KnownHostsFile, "-o", "GlobalKnownHostsFile=/dev/null" });
        if (options.KeyFiles.TryGetValue(target.Node, out var key)) args.AddRange(new[] { "-i", key, "-o", "IdentitiesOnly=yes" });
        return args;
    }

    private static string Seconds(double seconds) => ((int)System.Math.Ceiling(seconds)).ToString(CultureInfo.InvariantCulture);
}
