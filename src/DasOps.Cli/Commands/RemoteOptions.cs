using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Publishing;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Cli.Commands;

/// <summary>The options every command that reaches nodes over ssh takes (plan, apply, restore), and their mapping to the engine.</summary>
internal sealed class RemoteOptions
{
    public Option<string?> Transport { get; } = new Option<string?>("--transport")
        { Description = "How the nodes are reached: sshnet (in process, the default) or openssh (the ssh program); overrides the spec's transport." };

    public Option<string?> SshKey { get; } = new Option<string?>("--ssh-key")
        { Description = "Private key file (OpenSSH format) to log in with on every node; overrides the spec's sshKey." };

    public Option<string?> SshConfig { get; } = new Option<string?>("--ssh-config")
        { Description = "OpenSSH client config (Host entries, keys, ProxyJump) passed as ssh -F; overrides the spec's sshConfig. openssh transport only." };

    public Option<string?> KnownHosts { get; } = new Option<string?>("--known-hosts")
        { Description = "known_hosts file host keys are checked against; overrides the spec's knownHosts." };

    public Option<bool> SshPasswordStdin { get; } = new Option<bool>("--ssh-password-stdin")
        { Description = "Read the ssh login password from the first line of stdin (tried after the key; sshnet transport). Or name an environment variable with defaults.sshPasswordEnv in the spec. Never on the command line." };

    public Option<bool> AcceptNewHostKeys { get; } = new Option<bool>("--accept-new-host-keys")
        { Description = "Trust and record keys of hosts not yet in known_hosts. A changed key is refused regardless." };

    public Option<int> Parallel { get; } = new Option<int>("--parallel")
        { Description = "How many nodes to work on at once.", DefaultValueFactory = _ => PublishOptions.DefaultParallelism };

    public Option<string[]> Nodes { get; } = new Option<string[]>("--node")
        { Description = "Work on this node only; repeat for more. Default: every node.", AllowMultipleArgumentsPerToken = false };

    /// <summary>
    /// Adds the connection options, and --node / --parallel only to a command that reads them: an option offered and
    /// then ignored would let a user believe it did something.
    /// </summary>
    public void AddTo(Command command, bool nodes = true, bool parallel = false)
    {
        Transport.AcceptOnlyFromAmong("sshnet", "openssh");
        command.Options.Add(Transport);
        command.Options.Add(SshKey);
        command.Options.Add(SshConfig);
        command.Options.Add(KnownHosts);
        command.Options.Add(AcceptNewHostKeys);
        command.Options.Add(SshPasswordStdin);
        if (parallel) command.Options.Add(Parallel);
        if (nodes) command.Options.Add(Nodes);
    }

    public PublishOptions Publish(ParseResult result) => new PublishOptions
    {
        Nodes = result.GetValue(Nodes),
        Parallelism = result.GetValue(Parallel),
    };

    /// <summary>
    /// The run's connections over the chosen transport; throws InputException for a named config, known_hosts or key
    /// file that is missing, and for --ssh-config (or the spec's sshConfig) with the sshnet transport.
    /// </summary>
    public IRemoteShellFactory Connect(ParseResult result, ClusterSpec spec)
    {
        var transport = result.GetValue(Transport) is { } t ? (Engine.Spec.Transport?)Enum.Parse(typeof(Engine.Spec.Transport), t, ignoreCase: true) : null;
        var password = result.GetValue(SshPasswordStdin) ? ReadPasswordLine() : null;
        return RemoteShells.Open(spec, SshSettings.For(spec, result.GetValue(SshConfig), result.GetValue(KnownHosts), result.GetValue(AcceptNewHostKeys),
            transport, result.GetValue(SshKey), password));
    }

    /// <summary>The password's line from stdin, without its line end; an empty or missing line is bad input (exit 2).</summary>
    private static string ReadPasswordLine()
    {
        var line = Console.In.ReadLine();
        if (string.IsNullOrEmpty(line))
            throw new InputException(InputErrorKind.SecretMissing, "--ssh-password-stdin was given but stdin held no password line.");
        return line!;
    }

    /// <summary>Runs a remote command's body, mapping bad input (unknown node, missing file or secret) to exit 2.</summary>
    public static int Run(Func<CancellationToken, int> body)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C cancels cleanly: nodes mid-switch finish their renames, the masters are closed.
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return body(cancel.Token);
        }
        catch (Exception e) when (ExitCodes.IsInvalidInput(e))
        {
            Console.Error.WriteLine("error: " + e.Message);
            return ExitCodes.InvalidInput;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
