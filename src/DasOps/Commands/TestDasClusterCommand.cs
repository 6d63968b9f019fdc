using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Preflight;
using DasOps.Engine.Publishing;
using DasOps.Engine.Spec;
using DasOps.Internal;

namespace DasOps.Commands;

/// <summary>
/// Test-DasCluster: validates a cluster object or spec files without touching any node, like <c>dasops validate</c>.
/// Outputs one DasValidationError per problem; with -Quiet, one bool per cluster or file instead.
/// With -Connectivity (like <c>dasops validate --live</c>) it checks from every node, through the node's own SSH
/// connection, that the endpoints it needs answer, and outputs one DasConnectivityResult per node and endpoint.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "DasCluster", DefaultParameterSetName = ClusterSet)]
[OutputType(typeof(DasValidationError), ParameterSetName = new[] { ClusterSet, PathSet })]
[OutputType(typeof(bool), ParameterSetName = new[] { ClusterSet, PathSet })]
[OutputType(typeof(DasConnectivityResult), ParameterSetName = new[] { ConnectivitySet })]
public sealed class TestDasClusterCommand : DasCmdlet
{
    private const string ClusterSet = "Cluster";
    private const string PathSet = "Path";
    private const string ConnectivitySet = "Connectivity";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ClusterSet)]
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ConnectivitySet)]
    [ValidateNotNull]
    public DasCluster Cluster { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
    [Alias("FullName", "PSPath")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = ClusterSet)]
    [Parameter(ParameterSetName = PathSet)]
    public SwitchParameter Quiet { get; set; }

    /// <summary>Check from every node that the database and its peers' ports answer (opens SSH connections; changes nothing).</summary>
    /// <remarks>Not mandatory (switches never are here): it alone belongs to this set, so naming it selects the set.</remarks>
    [Parameter(ParameterSetName = ConnectivitySet)]
    public SwitchParameter Connectivity { get; set; }

    /// <summary>The nodes to check from; every node of the cluster when not given.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ConnectivitySet)]
    [Alias("NodeName")]
    [ArgumentCompleter(typeof(NodeNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Node { get; set; }

    /// <summary>Seconds to wait for each endpoint to answer.</summary>
    [Parameter(ParameterSetName = ConnectivitySet)]
    [ValidateRange(0.1, 300)]
    public double TimeoutSeconds { get; set; } = ConnectivityChecker.DefaultTimeout.TotalSeconds;

    /// <summary>How the nodes are reached: SshNet (in process, the default) or OpenSsh (the ssh program); overrides the spec's transport.</summary>
    [Parameter(ParameterSetName = ConnectivitySet)]
    [ValidateSet("SshNet", "OpenSsh", IgnoreCase = true)]
    public string? Transport { get; set; }

    /// <summary>The private key file (OpenSSH format) to log in with on every node; overrides the spec's sshKey.</summary>
    [Parameter(ParameterSetName = ConnectivitySet)]
    [ValidateNotNullOrEmpty]
    public string? SshKey { get; set; }

    /// <summary>An OpenSSH client config passed to ssh as -F; overrides the spec's sshConfig. OpenSsh transport only.</summary>
    [Parameter(ParameterSetName = ConnectivitySet)]
    [ValidateNotNullOrEmpty]
    public string? SshConfig { get; set; }

    /// <summary>The known_hosts file host keys are checked against; overrides the spec's knownHosts.</summary>
    [Parameter(ParameterSetName = ConnectivitySet)]
    [ValidateNotNullOrEmpty]
    public string? KnownHosts { get; set; }

    /// <summary>The login for password or keyboard-interactive authentication (SshNet transport), as on the node cmdlets.</summary>
    [Parameter(ParameterSetName = ConnectivitySet)]
    [Credential]
    public PSCredential? SshCredential { get; set; }

    /// <summary>Trust and record the keys of hosts not yet in known_hosts; a changed key is refused regardless.</summary>
    [Parameter(ParameterSetName = ConnectivitySet)]
    public SwitchParameter AcceptNewHostKey { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ConnectivitySet)
        {
            // -Node or an ssh parameter alone selects this set too; checking connectivity must be asked for by name.
            if (Connectivity) CheckConnectivity();
            else WriteError(DasErrors.FromInput(new InputException(InputErrorKind.ParameterInvalid,
                "-Node, -TimeoutSeconds and the ssh parameters go with -Connectivity; add -Connectivity to check the nodes' connections."), Cluster));
            return;
        }
        if (ParameterSetName == ClusterSet)
        {
            Report(DasErrors.Located(SpecValidator.Validate(Cluster.Spec), Cluster.Path ?? Cluster.Spec.SourceFile));
            return;
        }
        foreach (var path in Path)
        {
            foreach (var file in ResolveSpecFiles(path, missing => Report(new[] { new SpecError(new SpecLocation(missing, 0, 0), "SpecNotFound", "no such file.") })))
            {
                Report(LoadAndValidate(file, out _));
            }
        }
    }

    private void Report(IReadOnlyList<SpecError> errors)
    {
        if (Quiet) WriteObject(errors.Count == 0);
        else WriteObject(errors.Select(e => new DasValidationError(e)), enumerateCollection: true);
    }

    /// <summary>An invalid spec is reported as such and nothing is connected; otherwise one result per node and endpoint.</summary>
    private void CheckConnectivity()
    {
        var cluster = Cluster;
        var spec = cluster.Spec;
        try
        {
            var invalid = DasErrors.Located(SpecValidator.Validate(spec), cluster.Path ?? spec.SourceFile);
            if (invalid.Count > 0)
            {
                WriteErrors(DasErrors.SpecInvalid(invalid, cluster));
                return;
            }
            var nodes = SelectNodes(spec);
            if (nodes == null) return;
            var plan = ConnectivityEndpoints.For(spec, nodes);
            using var connections = OpenConnections(spec, Transport, SshKey, SshConfig, KnownHosts, SshCredential, AcceptNewHostKey);
            if (connections == null) return;
            var timeout = TimeSpan.FromSeconds(TimeoutSeconds);
            var results = RunOperation(Format(Strings.ActivityConnectivity, spec.Name), null, (reporter, token) =>
                ConnectivityChecker.CheckAsync(plan, connections.ShellFor, timeout, reporter, token));
            var unreachableNodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var result in results)
            {
                var output = new DasConnectivityResult(cluster, result);
                WriteObject(output);
                if (result.Outcome == ConnectivityOutcome.NodeUnreachable)
                {
                    // One error per node that SSH could not reach, not one per endpoint it could not check.
                    if (unreachableNodes.Add(result.Node)) WriteError(DasErrors.NodeUnreachable(result.Node, result.Detail));
                }
                else if (!result.Reached)
                {
                    WriteError(DasErrors.EndpointUnreachable(output, result.Message));
                }
            }
        }
        catch (Exception e) when (!(e is PipelineStoppedException))
        {
            if (!TryWriteEngineError(e, cluster)) throw;
        }
    }

    /// <summary>The named nodes (DasNodeNotFound for each unknown name), or every node; null when none is left.</summary>
    private IReadOnlyList<NodeSpec>? SelectNodes(ClusterSpec spec)
    {
        if (Node == null) return spec.Nodes;
        var found = new List<NodeSpec>();
        foreach (var name in Node)
        {
            if (spec.FindNode(name) is { } node) found.Add(node);
            else WriteError(DasErrors.NodeNotFound(spec, name));
        }
        return found.Count == 0 ? null : found;
    }
}
