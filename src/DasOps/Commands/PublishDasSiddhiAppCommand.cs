using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Products.Sp;
using DasOps.Internal;

namespace DasOps.Commands;

/// <summary>
/// Publish-DasSiddhiApp: deploys distributed Siddhi apps to the active manager of a Stream Processor cluster and
/// outputs one DasSiddhiAppDeployment per app with each execution group's parallelism and workers, like
/// <c>dasops app deploy</c>. The same text again is a no-op; -WhatIf outputs the plan (the groups) and deploys nothing.
/// </summary>
/// <remarks>
/// Files piped one by one (<c>Get-ChildItem *.siddhi | Publish-DasSiddhiApp -Cluster $c</c>) are collected and
/// deployed together in EndProcessing, so every problem of every app is reported before anything is deployed, and a
/// file that does not exist deploys nothing at all.
/// </remarks>
[Cmdlet(VerbsData.Publish, "DasSiddhiApp", SupportsShouldProcess = true, DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(DasSiddhiAppDeployment))]
public sealed class PublishDasSiddhiAppCommand : DasRemoteCmdlet
{
    private const string DefaultSet = "Default";

    private readonly List<string> _files = new List<string>();
    private readonly HashSet<string> _resolved = new HashSet<string>(StringComparer.Ordinal);
    private bool _refused;
    private IReadOnlyList<(string Path, string Text)>? _apps;

    /// <summary>The .siddhi files: paths or wildcards; files from Get-ChildItem bind by their FullName (or PSPath).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = null!;

    protected override void ProcessRecord()
    {
        // Several clusters piped with one -Path resolve it once: one error per missing file, not one per cluster.
        foreach (var path in Path.Where(_resolved.Add))
        {
            foreach (var file in ResolveAppFiles(path))
                if (!_files.Contains(file, StringComparer.Ordinal)) _files.Add(file);
        }
        base.ProcessRecord();
    }

    private protected override void ProcessCluster(DasCluster cluster, IReadOnlyList<string>? nodes)
    {
        var apps = ReadApps();
        if (apps == null) return;
        var spec = cluster.Spec;
        using var connections = Connect(spec);
        if (connections == null) return;
        var whatIf = WhatIfRequested;
        // Under -WhatIf the engine plans without asking; under -Confirm it asks through the reporter for each app.
        var deployments = RunOperation(Format(Strings.ActivitySiddhiDeploy, spec.Name), null, (reporter, token) =>
            new SiddhiAppPublisher(spec, connections.ShellFor, reporter) { WhatIf = whatIf }.DeployAsync(apps, token));
        foreach (var deployment in deployments)
        {
            var output = new DasSiddhiAppDeployment(cluster, deployment);
            if (whatIf && (output.Action == DasSiddhiAppAction.WouldDeploy || output.Action == DasSiddhiAppAction.WouldReplace))
                WriteWhatIf(Format(Strings.WhatIfSiddhiApp, output.Action == DasSiddhiAppAction.WouldReplace ? "Replace" : "Deploy", output.App, output.File,
                    output.Manager, string.Join(", ", output.Groups.Select(g => g.ToString()))));
            WriteObject(output);
            if (deployment.Status == "not listed") WriteError(DasErrors.SiddhiAppNotListed(deployment.App, deployment.Manager));
        }
    }

    /// <summary>
    /// The files one -Path value names: a file of exactly that name first (names may hold '[' and ']'), otherwise the
    /// matches of the wildcard. Nothing found is a DasFileNotFound error naming the path, and nothing is deployed.
    /// </summary>
    private IEnumerable<string> ResolveAppFiles(string path)
    {
        var literal = ResolveFileSystemPath(path);
        if (literal == null)
        {
            _refused = true;
            return Array.Empty<string>();
        }
        if (File.Exists(literal)) return new[] { literal };

        var matches = new List<string>();
        if (WildcardPattern.ContainsWildcardCharacters(path))
        {
            try
            {
                matches.AddRange(GetResolvedProviderPathFromPSPath(path, out _).Where(File.Exists));
            }
            catch (ItemNotFoundException)
            {
                // no match: reported below
            }
        }
        if (matches.Count == 0)
        {
            _refused = true;
            WriteError(DasErrors.FromInput(new InputException(InputErrorKind.FileNotFound, Format(Strings.SiddhiAppFileNotFound, path), path), path));
        }
        return matches;
    }

    /// <summary>The text of every file, read once for all clusters; null (after the errors) when a file is missing or unreadable.</summary>
    private IReadOnlyList<(string Path, string Text)>? ReadApps()
    {
        if (_apps != null || _refused) return _apps;
        var apps = new List<(string, string)>();
        foreach (var file in _files)
        {
            try
            {
                apps.Add((file, File.ReadAllText(file)));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                _refused = true;
                WriteError(DasErrors.FromInput(new InputException(InputErrorKind.ParameterInvalid, Format(Strings.SiddhiAppUnreadable, file, e.Message), file, e), file));
            }
        }
        if (_refused) return null;
        return _apps = apps;
    }
}
