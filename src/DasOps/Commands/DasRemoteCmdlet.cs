using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Publishing;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;
using DasOps.Internal;

namespace DasOps.Commands;

/// <summary>
/// What the cmdlets that reach the nodes share: the cluster from the pipeline, the ssh options (the spec's sshConfig
/// and knownHosts, each overridable), node selection with one DasNodeNotFound error per unknown name, and batching.
/// </summary>
/// <remarks>
/// Input is collected per cluster and worked on in EndProcessing: node objects piped one by one
/// (<c>$cluster.Nodes | Start-DasNode</c>) become one operation over those nodes, so the engine still orders the
/// starts and works on the nodes in parallel, and a cluster piped with its nodes is output once.
/// </remarks>
public abstract class DasRemoteCmdlet : DasCmdlet
{
    private readonly ClusterBatch _batch = new ClusterBatch();

    /// <summary>The cluster to work on: from Import-DasCluster, or the Cluster property of node and status objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public DasCluster Cluster { get; set; } = null!;

    /// <summary>How the nodes are reached: SshNet (in process, the default) or OpenSsh (the ssh program); overrides the spec's transport.</summary>
    [Parameter]
    [ValidateSet("SshNet", "OpenSsh", IgnoreCase = true)]
    public string? Transport { get; set; }

    /// <summary>The private key file (OpenSSH format) to log in with on every node; overrides the spec's sshKey.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SshKey { get; set; }

    /// <summary>An OpenSSH client config passed to ssh as -F; overrides the spec's sshConfig. OpenSsh transport only.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SshConfig { get; set; }

    /// <summary>The known_hosts file host keys are checked against; overrides the spec's knownHosts.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KnownHosts { get; set; }

    /// <summary>
    /// The login for password or keyboard-interactive authentication (SshNet transport): its user name logs in on every
    /// node, as ssh -l does, overriding the spec's sshUser; its password is tried after the key, and on the jump host too.
    /// </summary>
    [Parameter]
    [Credential]
    public PSCredential? SshCredential { get; set; }

    /// <summary>Trust and record the keys of hosts not yet in known_hosts; a changed key is refused regardless.</summary>
    [Parameter]
    public SwitchParameter AcceptNewHostKey { get; set; }

    /// <summary>The node names this input record asks for; null for every node of the cluster.</summary>
    private protected virtual IReadOnlyCollection<string>? NodeNames => null;

    protected override void ProcessRecord() => _batch.Add(Cluster, NodeNames);

    protected override void EndProcessing()
    {
        try
        {
            foreach (var (cluster, nodes) in _batch.Entries) Guarded(cluster, () => ProcessCluster(cluster, nodes));
        }
        finally
        {
            base.EndProcessing();
        }
    }

    /// <summary>The cmdlet's one engine operation on one cluster; <paramref name="nodes"/> is null for every node.</summary>
    private protected abstract void ProcessCluster(DasCluster cluster, IReadOnlyList<string>? nodes);

    /// <summary>Runs one cluster's work: an engine exception it cannot recover from becomes error records and the next cluster still runs.</summary>
    private protected void Guarded(DasCluster cluster, Action work)
    {
        try
        {
            work();
        }
        catch (Exception e) when (!(e is PipelineStoppedException))
        {
            if (!TryWriteEngineError(e, cluster)) throw;
        }
    }

    /// <summary>
    /// The run's connections over the chosen transport (dispose them when done); null after an error when -SshConfig,
    /// -KnownHosts or -SshKey is not a file system path. A named file that does not exist throws InputException
    /// (DasFileNotFound); -SshConfig with the SshNet transport is refused (DasParameterInvalid).
    /// </summary>
    private protected IRemoteShellFactory? Connect(ClusterSpec spec) =>
        OpenConnections(spec, Transport, SshKey, SshConfig, KnownHosts, SshCredential, AcceptNewHostKey);

    /// <summary>
    /// The nodes to work on, in spec order: every DAS node when <paramref name="names"/> is null; otherwise the named
    /// ones, with a DasNodeNotFound error for each name the cluster lacks (and DasParameterInvalid for a Storm-only
    /// node). Null when names were given and none of them can be worked on.
    /// </summary>
    private protected IReadOnlyList<NodeSpec>? SelectNodes(DasCluster cluster, IReadOnlyCollection<string>? names)
    {
        var spec = cluster.Spec;
        if (names == null) return NodeSelection.Resolve(spec, null);
        var valid = new List<string>();
        foreach (var name in names)
        {
            if (spec.FindNode(name) == null)
            {
                WriteError(DasErrors.NodeNotFound(spec, name));
                continue;
            }
            try
            {
                NodeSelection.Resolve(spec, new[] { name });
                valid.Add(name);
            }
            catch (InputException e)
            {
                WriteError(DasErrors.FromInput(e, name));
            }
        }
        return valid.Count == 0 ? null : NodeSelection.Resolve(spec, valid);
    }
}
