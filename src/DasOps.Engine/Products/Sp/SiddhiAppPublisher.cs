using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Apps;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Products.Sp;

/// <summary>What deploying one app did (or, with WhatIf, would do).</summary>
public enum SiddhiAppAction
{
    Deployed,
    Replaced,
    Unchanged,
    WouldDeploy,
    WouldReplace,
}

/// <summary>One app after Publish-DasSiddhiApp / `dasops app deploy`: what was done, and where its groups run now.</summary>
public sealed class SiddhiAppDeployment
{
    public SiddhiAppDeployment(string app, string file, SiddhiAppAction action, string manager, string status, IReadOnlyList<DeployedGroup> groups)
    {
        App = app;
        File = file;
        Action = action;
        Manager = manager;
        Status = status;
        Groups = groups;
    }

    public string App { get; }
    public string File { get; }
    public SiddhiAppAction Action { get; }

    /// <summary>The active manager it was deployed through.</summary>
    public string Manager { get; }

    /// <summary>active, waiting (held back below minResourceCount), or "not deployed" after WhatIf.</summary>
    public string Status { get; }

    /// <summary>Each execution group with its parallelism and the workers it runs on (from the plan, for WhatIf).</summary>
    public IReadOnlyList<DeployedGroup> Groups { get; }
}

/// <summary>
/// No manager leads (or more than one says it does), so there is nowhere to deploy to: its own type, so front ends can
/// tell it from a manager that refused an app (the cmdlets give it the stable id DasNoActiveManager).
/// </summary>
public sealed class NoActiveManagerException : LifecycleException
{
    public NoActiveManagerException(string message) : base("cluster", message) { }
}

/// <summary>
/// Deploys distributed Siddhi apps to the active manager (POST /siddhi-apps, which only the leader accepts) and reads
/// them back. The same text again is a no-op; a changed app with the same name is undeployed and deployed again.
/// </summary>
public sealed class SiddhiAppPublisher
{
    private readonly ClusterSpec _spec;
    private readonly SpTopology _topology;
    private readonly SpClusterReader _reader;
    private readonly IOperationReporter _reporter;

    public SiddhiAppPublisher(ClusterSpec spec, Func<NodeSpec, IRemoteShell> shellFor, IOperationReporter? reporter = null)
    {
        _spec = spec;
        _topology = (ProductCatalog.For(spec) as SpProduct
            ?? throw new InputException(InputErrorKind.ParameterInvalid, $"cluster '{spec.Name}' runs {spec.Product}; Siddhi apps are deployed to Stream Processor clusters.")).Topology;
        _reader = new SpClusterReader(_topology, shellFor);
        _reporter = reporter ?? SilentReporter.Instance;
    }

    public bool WhatIf { get; set; }

    /// <summary>How long a deployed app may take to show up in the manager's list.</summary>
    public TimeSpan SettleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Parses every app first (every problem of every file at once), then deploys them one by one.</summary>
    public async Task<IReadOnlyList<SiddhiAppDeployment>> DeployAsync(IReadOnlyList<(string Path, string Text)> files, CancellationToken cancellationToken)
    {
        var apps = ParseAll(files);
        var manager = await ActiveManagerAsync(cancellationToken).ConfigureAwait(false);
        var results = new List<SiddhiAppDeployment>();
        for (var i = 0; i < apps.Count; i++)
        {
            var (path, app) = apps[i];
            _reporter.Progress("Deploying Siddhi apps", $"{app.Name} ({i + 1} of {apps.Count}) through {manager.Name}", 100 * i / apps.Count);
            results.Add(await DeployOneAsync(manager, path, app, cancellationToken).ConfigureAwait(false));
        }
        _reporter.Progress("Deploying Siddhi apps", "done", 100);
        return results;
    }

    /// <summary>The apps the active manager has, with their state and where each group runs.</summary>
    public async Task<IReadOnlyList<DeployedSiddhiApp>> ListAsync(CancellationToken cancellationToken) =>
        await _reader.AppsAsync(await ActiveManagerAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private static List<(string Path, SiddhiApp App)> ParseAll(IReadOnlyList<(string Path, string Text)> files)
    {
        var problems = new List<string>();
        var apps = new List<(string, SiddhiApp)>();
        foreach (var (path, text) in files)
        {
            try
            {
                apps.Add((path, SiddhiApp.Parse(text, path)));
            }
            catch (InputException e)
            {
                problems.Add(e.Message);
            }
        }
        foreach (var twice in apps.GroupBy(a => a.Item2.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"the app name '{twice.Key}' is in {string.Join(" and ", twice.Select(a => a.Item1))}; the manager knows an app by its name");
        if (problems.Count > 0) throw new InputException(InputErrorKind.ParameterInvalid, string.Join(Environment.NewLine, problems));
        return apps;
    }

    private async Task<NodeSpec> ActiveManagerAsync(CancellationToken cancellationToken)
    {
        var states = await _reader.ManagerStatesAsync(_topology.Managers, cancellationToken).ConfigureAwait(false);
        var active = states.Where(s => s.Value == "active").Select(s => s.Key).ToList();
        if (active.Count == 1) return active[0];
        throw new NoActiveManagerException((active.Count == 0 ? "no manager is active" : $"{active.Count} managers say they are active") +
            " (" + string.Join("; ", states.Select(s => $"{s.Key.Name}: {s.Value}")) + "); deploy when exactly one leads (Test-DasHa shows why).");
    }

    private async Task<SiddhiAppDeployment> DeployOneAsync(NodeSpec manager, string path, SiddhiApp app, CancellationToken cancellationToken)
    {
        using var api = await _reader.OpenAsync(manager, cancellationToken).ConfigureAwait(false);
        var name = Uri.EscapeDataString(app.Name);
        var (status, body) = await api.GetAsync("siddhi-apps/" + name, cancellationToken).ConfigureAwait(false);
        string? deployed = status == HttpStatusCode.OK ? (string?)SpRestClient.ParseJson(body).Element("content") : null;
        if (status != HttpStatusCode.OK && status != HttpStatusCode.NotFound)
            throw new LifecycleException(manager.Name, $"GET /siddhi-apps/{app.Name} answered {(int)status}");

        if (deployed == app.Text)
        {
            _reporter.Verbose($"{manager.Name}: {app.Name} is deployed with the same text; nothing to do");
            return await ResultAsync(manager, path, app, SiddhiAppAction.Unchanged, cancellationToken).ConfigureAwait(false);
        }
        var replace = deployed != null;
        var plan = string.Join(", ", app.Groups.Select(g => $"{g.Name} x{g.Parallel}"));
        if (WhatIf || !_reporter.ShouldProcess(manager.Name, $"{(replace ? "replace" : "deploy")} Siddhi app {app.Name} ({plan})"))
            return new SiddhiAppDeployment(app.Name, path, replace ? SiddhiAppAction.WouldReplace : SiddhiAppAction.WouldDeploy, manager.Name, "not deployed",
                app.Groups.Select(g => new DeployedGroup(g.Name, g.Parallel, new string[0])).ToList());

        if (replace)
        {
            var (deleted, why) = await api.SendAsync(HttpMethod.Delete, "siddhi-apps/" + name, null, cancellationToken).ConfigureAwait(false);
            if (deleted != HttpStatusCode.OK && deleted != HttpStatusCode.NoContent && deleted != HttpStatusCode.NotFound)
                throw new LifecycleException(manager.Name, $"could not undeploy the old {app.Name} ({(int)deleted}): {Trim(why)}");
        }
        var (posted, answer) = await api.SendAsync(HttpMethod.Post, "siddhi-apps", app.Text, cancellationToken).ConfigureAwait(false);
        if (posted != HttpStatusCode.Created && posted != HttpStatusCode.OK)
            throw new LifecycleException(manager.Name, $"refused Siddhi app {app.Name} from {path} ({(int)posted}): {Trim(answer)}");
        return await ResultAsync(manager, path, app, replace ? SiddhiAppAction.Replaced : SiddhiAppAction.Deployed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until the manager lists the app, then reports its state and placement.</summary>
    private async Task<SiddhiAppDeployment> ResultAsync(NodeSpec manager, string path, SiddhiApp app, SiddhiAppAction action, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var listed = (await _reader.AppsAsync(manager, cancellationToken).ConfigureAwait(false)).FirstOrDefault(a => a.Name == app.Name);
            var placed = listed != null && (listed.Status != "active" || listed.Groups.All(g => g.Workers.Count >= g.Parallel));
            if (placed || clock.Elapsed > SettleTimeout)
                return new SiddhiAppDeployment(app.Name, path, action, manager.Name, listed?.Status ?? "not listed", listed?.Groups ?? new DeployedGroup[0]);
            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Trim(string text) => text.Length > 300 ? text.Substring(0, 300) + "…" : text.Trim();
}
