using System.Management.Automation;

namespace DasOps.Commands;

/// <summary>
/// Stop-DasNode: stops nodes in the reverse of the start order and waits for each process to end, killing it after
/// -TimeoutSeconds (like <c>dasops stop</c>). A node already stopped is left alone.
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "DasNode", SupportsShouldProcess = true, DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(DasNodeActionResult))]
[OutputType(typeof(DasCluster))]
public sealed class StopDasNodeCommand : DasNodeLifecycleCmdlet
{
    private const string DefaultSet = "Default";

    public StopDasNodeCommand() : base(60)
    {
    }

    private protected override Operation Kind => Operation.Stop;
}
