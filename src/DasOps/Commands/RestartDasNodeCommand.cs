using System.Management.Automation;

namespace DasOps.Commands;

/// <summary>
/// Restart-DasNode: stops the nodes, then starts the ones that stopped and waits until they are ready (like
/// <c>dasops restart</c>); a node that would not stop is not started again.
/// </summary>
[Cmdlet(VerbsLifecycle.Restart, "DasNode", SupportsShouldProcess = true, DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(DasNodeActionResult))]
[OutputType(typeof(DasCluster))]
public sealed class RestartDasNodeCommand : DasNodeLifecycleCmdlet
{
    private const string DefaultSet = "Default";

    public RestartDasNodeCommand() : base(300)
    {
    }

    private protected override Operation Kind => Operation.Restart;
}
