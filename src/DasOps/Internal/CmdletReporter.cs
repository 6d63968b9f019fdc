using System;
using System.Collections.Generic;
using System.Management.Automation;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Secrets;

namespace DasOps.Internal;

/// <summary>
/// The engine's <see cref="IOperationReporter"/> over a cmdlet: one parent progress record per call (ActivityId 1),
/// one child record per node (ParentActivityId 1, an ActivityId that stays the node's for the whole call),
/// WriteVerbose, WriteWarning, and ShouldProcess as the engine's confirmation delegate. Calls from worker threads
/// go through the <see cref="PipelineDispatcher"/>. Every text is masked with the secrets of the run.
/// </summary>
internal sealed class CmdletReporter : IOperationReporter
{
    public const int ParentActivityId = 1;

    private readonly Cmdlet _cmdlet;
    private readonly PipelineDispatcher _dispatcher;
    private readonly string _activity;
    private readonly IReadOnlyCollection<string> _secrets;
    private readonly Dictionary<string, int> _nodeActivities = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<int> _open = new HashSet<int>();
    private readonly Dictionary<string, string> _lastStep = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    private bool _parentOpen;

    public CmdletReporter(Cmdlet cmdlet, PipelineDispatcher dispatcher, string activity, IReadOnlyCollection<string> secrets)
    {
        _cmdlet = cmdlet;
        _dispatcher = dispatcher;
        _activity = activity;
        _secrets = secrets;
    }

    public void Progress(string activity, string status, int percent) => _dispatcher.Post(() =>
    {
        _parentOpen = true;
        // One parent activity per call, the one Complete() closes; the engine's phase goes into CurrentOperation.
        var phase = Mask(activity);
        _cmdlet.WriteProgress(new ProgressRecord(ParentActivityId, _activity, NonEmpty(Mask(status), Strings.ProgressWorking))
        {
            PercentComplete = Clamp(percent),
            CurrentOperation = string.Equals(phase, _activity, StringComparison.Ordinal) ? null : phase,
        });
    });

    public void NodeProgress(string node, string status, int percent, bool completed = false) => _dispatcher.Post(() =>
    {
        var id = ActivityIdOf(node);
        var record = new ProgressRecord(id, NonEmpty(Mask(node), _activity), NonEmpty(Mask(status), completed ? Strings.ProgressDone : Strings.ProgressWorking))
        {
            ParentActivityId = ParentActivityId,
            PercentComplete = completed ? 100 : Clamp(percent),
            RecordType = completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        };
        if (completed) _open.Remove(id);
        else _open.Add(id);
        _cmdlet.WriteProgress(record);
        // -Verbose tells what is being done on which node: each new step once, as the progress bar shows it (the
        // cmdlet writes each node's outcome itself).
        if (!completed && (!_lastStep.TryGetValue(node, out var last) || !string.Equals(last, record.StatusDescription, StringComparison.Ordinal)))
        {
            _lastStep[node] = record.StatusDescription;
            _cmdlet.WriteVerbose(Mask(node) + ": " + record.StatusDescription);
        }
    });

    public void Verbose(string message) => _dispatcher.Post(() => _cmdlet.WriteVerbose(Mask(message)));

    public void Warning(string message) => _dispatcher.Post(() => _cmdlet.WriteWarning(Mask(message)));

    public bool ShouldProcess(string target, string action) => _dispatcher.Invoke(() => _cmdlet.ShouldProcess(Mask(target), Mask(action)));

    /// <summary>Closes every record still open, children first; called on the pipeline thread when the call ends.</summary>
    public void Complete()
    {
        foreach (var pair in _nodeActivities)
        {
            if (!_open.Remove(pair.Value)) continue;
            _cmdlet.WriteProgress(new ProgressRecord(pair.Value, pair.Key, Strings.ProgressDone)
            {
                ParentActivityId = ParentActivityId,
                RecordType = ProgressRecordType.Completed,
            });
        }
        if (_parentOpen)
        {
            _cmdlet.WriteProgress(new ProgressRecord(ParentActivityId, _activity, Strings.ProgressDone) { RecordType = ProgressRecordType.Completed });
            _parentOpen = false;
        }
    }

    private int ActivityIdOf(string node)
    {
        if (!_nodeActivities.TryGetValue(node, out var id))
        {
            id = ParentActivityId + 1 + _nodeActivities.Count;
            _nodeActivities.Add(node, id);
        }
        return id;
    }

    private string Mask(string text) => _secrets.Count == 0 ? text : SecretMasker.Apply(text, _secrets);

    private static string NonEmpty(string text, string fallback) => string.IsNullOrWhiteSpace(text) ? fallback : text;

    private static int Clamp(int percent) => percent < 0 ? -1 : Math.Min(percent, 100);
}
