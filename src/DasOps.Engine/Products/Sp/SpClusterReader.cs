using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Products.Sp;

/// <summary>What the SP manager REST API says about the cluster: which manager is active, which workers it has, which apps run.</summary>
internal sealed class SpClusterReader
{
    private readonly SpTopology _topology;
    private readonly Func<NodeSpec, IRemoteShell> _shellFor;

    public SpClusterReader(SpTopology topology, Func<NodeSpec, IRemoteShell> shellFor)
    {
        _topology = topology;
        _shellFor = shellFor;
    }

    /// <summary>Each manager's answer to GET /managers/isActive: "active" (200), "passive" (404) or why it did not answer.</summary>
    public async Task<IReadOnlyDictionary<NodeSpec, string>> ManagerStatesAsync(IEnumerable<NodeSpec> managers, CancellationToken cancellationToken)
    {
        var list = managers.ToList();
        var states = await Task.WhenAll(list.Select(m => ManagerStateAsync(m, cancellationToken))).ConfigureAwait(false);
        return list.Zip(states, (m, s) => (m, s)).ToDictionary(x => x.m, x => x.s);
    }

    public async Task<string> ManagerStateAsync(NodeSpec manager, CancellationToken cancellationToken)
    {
        try
        {
            using var api = await OpenAsync(manager, cancellationToken).ConfigureAwait(false);
            var (status, _) = await api.GetAsync("managers/isActive", cancellationToken).ConfigureAwait(false);
            return status == HttpStatusCode.OK ? "active" : status == HttpStatusCode.NotFound ? "passive" : $"answered {(int)status}";
        }
        catch (LifecycleException e)
        {
            return "unreachable: " + e.Message;
        }
    }

    /// <summary>The carbon ids of the resource nodes the active manager has in its pool.</summary>
    public async Task<IReadOnlyList<string>> RegisteredWorkersAsync(NodeSpec activeManager, CancellationToken cancellationToken)
    {
        using var api = await OpenAsync(activeManager, cancellationToken).ConfigureAwait(false);
        var (status, body) = await api.GetAsync("resourceClusterWorkers/clusteredWorkerNodeDetails", cancellationToken).ConfigureAwait(false);
        if (status != HttpStatusCode.OK) throw new LifecycleException(activeManager.Name, $"GET /resourceClusterWorkers/clusteredWorkerNodeDetails answered {(int)status}");
        return SpRestClient.ParseJson(body).Elements().Select(e => (string?)e.Element("nodeId") ?? "").Where(id => id.Length > 0).ToList();
    }

    /// <summary>The distributed apps the active manager knows, with their state and where each group runs.</summary>
    public async Task<IReadOnlyList<DeployedSiddhiApp>> AppsAsync(NodeSpec activeManager, CancellationToken cancellationToken)
    {
        using var api = await OpenAsync(activeManager, cancellationToken).ConfigureAwait(false);
        var (status, body) = await api.GetAsync("managers/siddhi-apps", cancellationToken).ConfigureAwait(false);
        if (status != HttpStatusCode.OK) throw new LifecycleException(activeManager.Name, $"GET /managers/siddhi-apps answered {(int)status}");
        return SpRestClient.ParseJson(body).Elements().Select(app => new DeployedSiddhiApp(
            (string?)app.Element("appName") ?? "",
            (string?)app.Element("status") ?? "",
            (app.Element("groups")?.Elements() ?? Enumerable.Empty<System.Xml.Linq.XElement>()).Select(g => new DeployedGroup(
                (string?)g.Element("group") ?? "",
                int.TryParse((string?)g.Element("parallel"), out var p) ? p : 0,
                (g.Element("workers")?.Elements() ?? Enumerable.Empty<System.Xml.Linq.XElement>()).Select(w => w.Value).ToList())).ToList())).ToList();
    }

    public Task<SpRestClient> OpenAsync(NodeSpec node, CancellationToken cancellationToken) =>
        SpRestClient.OpenAsync(_shellFor(node), node.Host, _topology.HttpsPortOf(node), cancellationToken);
}

/// <summary>A distributed app as the active manager reports it.</summary>
public sealed class DeployedSiddhiApp
{
    public DeployedSiddhiApp(string name, string status, IReadOnlyList<DeployedGroup> groups)
    {
        Name = name;
        Status = status;
        Groups = groups;
    }

    public string Name { get; }

    /// <summary>active, or waiting (held back: fewer workers than minResourceCount).</summary>
    public string Status { get; }

    public IReadOnlyList<DeployedGroup> Groups { get; }
}

/// <summary>One execution group of a deployed app: its parallelism and the carbon ids of the workers its instances run on.</summary>
public sealed class DeployedGroup
{
    public DeployedGroup(string name, int parallel, IReadOnlyList<string> workers)
    {
        Name = name;
        Parallel = parallel;
        Workers = workers;
    }

    public string Name { get; }

    public int Parallel { get; }

    public IReadOnlyList<string> Workers { get; }
}
