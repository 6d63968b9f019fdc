using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Remote;

namespace DasOps.Engine.Remote.OpenSsh;

/// <summary>
/// Runs commands on one node through the system's OpenSSH client, multiplexed over one ControlMaster connection
/// per node for the run (the first command opens it; <see cref="OpenSshConnections"/> closes it). The remote
/// command is the argument vector quoted for the remote shell; secrets only ever travel on stdin.
/// Exit 255 is ssh's own failure and is reported as Unreachable, with host key refusals spelled out.
/// </summary>
public sealed partial class OpenSshShell : IStreamingShell
{
    private readonly SshConnectionOptions _options;
    private readonly string _controlPath;
    private int _used;

    internal OpenSshShell(SshTarget target, SshConnectionOptions options, string controlPath)
    {
        Target = target;
        _options = options;
        _controlPath = controlPath;
    }

    public string Node => Target.Node;

    public SshTarget Target { get; }

    /// <summary>Whether a command was started, so a master may exist to close.</summary>
    internal bool Used => Volatile.Read(ref _used) != 0;

    public async Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _used, 1);
        var tag = NewTag();
        var args = OpenSshArguments.Run(_options, Target, _controlPath, Tagged(tag, command));
        CommandResult result;
        try
        {
            result = await ProcessRunner.RunAsync(args[0], args, 1, command.StandardInput, command.Timeout, cancellationToken, _options.ScrubbedEnvironment)
                .ConfigureAwait(false);
        }
        catch (System.OperationCanceledException)
        {
            KillRemote(tag);
            throw;
        }
        if (result.TimedOut) KillRemote(tag);
        return await ClassifyAsync(result, cancellationToken).ConfigureAwait(false);
    }

    public RunningCommand Start(RemoteCommand command)
    {
        Interlocked.Exchange(ref _used, 1);
        var tag = NewTag();
        var args = OpenSshArguments.Run(_options, Target, _controlPath, Tagged(tag, command));
        return RunningCommand.Start(ProcessRunner.CreateStartInfo(args[0], args, 1, _options.ScrubbedEnvironment),
            result => ClassifyAsync(result, CancellationToken.None), onKill: () => KillRemote(tag));
    }

    private static string NewTag() => "dasops-run-" + System.Guid.NewGuid().ToString("N").Substring(0, 16);

    /// <summary>
    /// The command as the remote login shell runs it, with the tag in that shell's own argv. sshd makes the shell a
    /// session (and process group) leader; `; exit $?` keeps it from exec'ing the command, so it stays findable by
    /// its tag for as long as the command runs. Killing the local ssh does not end a command without a pty on the
    /// node (sshd only closes the channel): <see cref="KillRemote"/> does.
    /// </summary>
    private static string Tagged(string tag, RemoteCommand command) => $": {tag}; {ShellQuoting.Join(command.Arguments)}; exit $?";

    /// <summary>Kills the tagged command's process group on the node, over the run's master (best effort, bounded).</summary>
    private void KillRemote(string tag)
    {
        // "[d]asops-run-..." matches the command's leader but not this kill command's own shell.
        var pattern = "[" + tag.Substring(0, 1) + "]" + tag.Substring(1);
        var script = $"for p in $(pgrep -f '{pattern}'); do kill -KILL -- -$p 2>/dev/null || kill -KILL $p 2>/dev/null; done; true";
        var args = OpenSshArguments.Run(_options, Target, _controlPath, script);
        try
        {
            ProcessRunner.RunAsync(args[0], args, 1, null, System.TimeSpan.FromSeconds(10), CancellationToken.None, _options.ScrubbedEnvironment)
                .Wait(System.TimeSpan.FromSeconds(12));
        }
        catch (System.AggregateException)
        {
            // the node is gone; so is the command
        }
    }

    /// <summary>Ends this node's master connection (ssh -O exit); quick and harmless when none is running.</summary>
    internal Task<CommandResult> CloseMasterAsync()
    {
        var args = OpenSshArguments.ExitMaster(_options, Target, _controlPath);
        return ProcessRunner.RunAsync(args[0], args, 1, null, System.TimeSpan.FromSeconds(10), CancellationToken.None, _options.ScrubbedEnvironment);
    }

    private async Task<CommandResult> ClassifyAsync(CommandResult result, CancellationToken cancellationToken)
    {
        if (result.ExitCode != 255 || result.TimedOut) return result;
        var problem = SshFailure.Classify(result.StandardError);
        if (problem != HostKeyProblem.None)
        {
            var message = await SshFailure.DescribeHostKeyAsync(problem, _options, Target, result.StandardError, cancellationToken).ConfigureAwait(false);
            return new CommandResult(255, result.StandardOutput, message, hostKeyRejected: true);
        }
        if (_options.JumpHosts.TryGetValue(Target.Node, out var jump))
            return await ClassifyThroughJumpHostAsync(result, jump, cancellationToken).ConfigureAwait(false);
        // "Permission denied (publickey)": the node answered and refused the login, as SSH.NET reports it too
        var refused = result.StandardError.IndexOf("Permission denied (", System.StringComparison.Ordinal) >= 0;
        return new CommandResult(255, result.StandardOutput, $"ssh to {Target} failed: {SshFailure.Summarize(result.StandardError)}", unreachable: true,
            authenticationFailed: refused);
    }

    /// <summary>A node behind a jump host failed: the bastion's own refusal (its host key) is found by logging in to it alone.</summary>
    private async Task<CommandResult> ClassifyThroughJumpHostAsync(CommandResult result, DasOps.Engine.Spec.JumpHost jump, CancellationToken cancellationToken)
    {
        var args = OpenSshArguments.BastionCheck(_options, Target, jump);
        var check = await ProcessRunner.RunAsync(args[0], args, 1, null, System.TimeSpan.FromSeconds(15), cancellationToken, _options.ScrubbedEnvironment).ConfigureAwait(false);
        var bastion = new SshTarget($"jump host {jump}", jump.Host, jump.User ?? Target.User, jump.Port);
        var problem = SshFailure.Classify(check.StandardError);
        if (problem != HostKeyProblem.None)
        {
            var message = await SshFailure.DescribeHostKeyAsync(problem, _options, bastion, check.StandardError, cancellationToken).ConfigureAwait(false);
            return new CommandResult(255, result.StandardOutput, $"jump host {jump}: {message}", hostKeyRejected: true);
        }
        var through = check.Succeeded ? "" : $" (jump host {jump}: {SshFailure.Summarize(check.StandardError)})";
        return new CommandResult(255, result.StandardOutput, $"ssh to {Target} failed: {SshFailure.Summarize(result.StandardError)}{through}", unreachable: true);
    }

    /// <summary>Nothing to release per shell: the master belongs to the run and is closed by its factory.</summary>
    public void Dispose() { }
}
