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
public sealed class OpenSshShell : IStreamingShell
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
        var args = OpenSshArguments.Run(_options, Target, _controlPath, ShellQuoting.Join(command.Arguments));
        var result = await ProcessRunner.RunAsync(args[0], args, 1, command.StandardInput, command.Timeout, cancellationToken, _options.ScrubbedEnvironment)
            .ConfigureAwait(false);
        return await ClassifyAsync(result, cancellationToken).ConfigureAwait(false);
    }

    public RunningCommand Start(RemoteCommand command)
    {
        Interlocked.Exchange(ref _used, 1);
        var args = OpenSshArguments.Run(_options, Target, _controlPath, ShellQuoting.Join(command.Arguments));
        return RunningCommand.Start(ProcessRunner.CreateStartInfo(args[0], args, 1, _options.ScrubbedEnvironment),
            result => ClassifyAsync(result, CancellationToken.None));
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
        return new CommandResult(255, result.StandardOutput, $"ssh to {Target} failed: {SshFailure.Summarize(result.StandardError)}", unreachable: true);
    }

    /// <summary>Nothing to release per shell: the master belongs to the run and is closed by its factory.</summary>
    public void Dispose() { }
}
