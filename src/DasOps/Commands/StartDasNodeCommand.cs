using System.Management.Automation;
using DasOps.Internal;

namespace DasOps.Commands;

/// <summary>
/// Start-DasNode: starts nodes with their role's profile flag and port offset, in the cluster's start order, and
/// waits until each is ready (like <c>dasops start</c>). A node already running is left alone.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "DasNode", SupportsShouldProcess = true, DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(DasNodeActionResult))]
[OutputType(typeof(DasCluster))]
public sealed class StartDasNodeCommand : DasNodeLifecycleCmdlet
{
    private const string DefaultSet = "Default";

    public StartDasNodeCommand() : base(300)
    {
    }

    /// <summary>Wait until each node is ready. Start-DasNode always does; the switch lets scripts say so.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    private protected override Operation Kind => Operation.Start;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (MyInvocation.BoundParameters.ContainsKey(nameof(Wait)) && !Wait.IsPresent) ThrowTerminatingError(DasErrors.WaitRequired());
    }
}
