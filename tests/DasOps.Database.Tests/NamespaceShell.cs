using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Remote;

namespace DasOps.Database.Tests;

/// <summary>Runs a command inside a lab host's network and mount namespaces (what its SSH sessions see), without SSH.</summary>
public sealed class NamespaceShell : IRemoteShell
{
    private readonly string _labScript;

    public NamespaceShell(string labScript, string node)
    {
        _labScript = labScript;
        Node = node;
    }

    public string Node { get; }

    public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(_labScript, new[] { "exec", Node, "--" }.Concat(command.Arguments).ToList(), 0, command.StandardInput, command.Timeout, cancellationToken);

    public void Dispose() { }
}
