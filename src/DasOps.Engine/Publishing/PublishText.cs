using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using DasOps.Engine.Planning;

namespace DasOps.Engine.Publishing;

/// <summary>Results as an operator reads them (the CLI prints these; the cmdlets' format file mirrors them).</summary>
public static class PublishText
{
    /// <summary>`plan`: per node the per-file summary, mode and link fixes, failures; then the masked diffs and a verdict.</summary>
    public static string Plan(IReadOnlyList<NodePublishResult> results, bool withDiffs)
    {
        var sb = new StringBuilder();
        foreach (var result in results)
        {
            if (result.Plan == null)
            {
                sb.Append(result.Node).Append(": ").Append(result.Summary).Append('\n');
                continue;
            }
            sb.Append(result.Node).Append(" (").Append(result.Plan.Home).Append("): ");
            sb.Append(result.Status == PublishStatus.Failed ? result.Summary
                : result.Differs ? $"{result.DifferingCount} of {result.Files.Count} file(s) differ" + (result.LinkChange != null ? ", Spark link differs" : "")
                : "in sync").Append('\n');
            foreach (var file in result.Files) AppendFile(sb, file);
            if (result.LinkChange != null) sb.Append("  link      ").Append(result.LinkChange).Append('\n');
        }
        if (withDiffs)
        {
            foreach (var file in results.SelectMany(r => r.Files).Where(f => f.Diff.Length > 0 && f.NeedsWrite)) sb.Append('\n').Append(file.Diff);
        }
        var failed = results.Count(r => r.Status == PublishStatus.Failed);
        var differing = results.Where(r => r.Status != PublishStatus.Failed && r.Differs).ToList();
        sb.Append('\n').Append(differing.Count == 0
            ? $"Plan: no differences on {results.Count - failed} node(s)"
            : $"Plan: {differing.Sum(r => r.DifferingCount)} file(s) differ on {differing.Count} of {results.Count - failed} node(s)");
        if (failed > 0) sb.Append($"; {failed} node(s) FAILED");
        sb.Append(".\n");
        return sb.ToString();
    }

    /// <summary>One line per node, as it finishes: name, status, what was done, how long it took.</summary>
    public static string NodeLine(NodePublishResult result, int nameWidth = 0) =>
        $"{result.Node.PadRight(Math.Max(nameWidth, result.Node.Length))}  {result.Summary}  ({Seconds(result.Duration)})";

    public static string Summary(string operation, IReadOnlyList<NodePublishResult> results, TimeSpan elapsed)
    {
        int Count(PublishStatus s) => results.Count(r => r.Status == s);
        return $"{operation}: {Count(PublishStatus.Changed)} changed, {Count(PublishStatus.Unchanged)} unchanged, " +
               $"{Count(PublishStatus.Skipped)} skipped, {Count(PublishStatus.Failed)} failed of {results.Count} node(s) in {Seconds(elapsed)}.";
    }

    private static void AppendFile(StringBuilder sb, FilePublishResult file)
    {
        var label = file.ModeOnly ? "mode" : PlanText.Label(file.Change);
        sb.Append("  ").Append(label.PadRight(9)).Append(' ').Append(file.Path);
        if (file.ModeOnly) sb.Append("  ").Append(FilePublishResult.Octal(file.CurrentMode ?? 0)).Append(" -> ").Append(FilePublishResult.Octal(file.Mode));
        else if (file.Change != FileChange.Unchanged)
        {
            sb.Append("  ").Append(Short(file.CurrentHash)).Append(" -> ").Append(Short(file.DesiredHash));
            // Any mode change shows, not only a secret file's.
            if (file.Change != FileChange.Removed && file.CurrentMode is int now && now != file.Mode) sb.Append("  mode ").Append(FilePublishResult.Octal(now)).Append(" -> ").Append(FilePublishResult.Octal(file.Mode));
        }
        if (file.Mode == 0x180) sb.Append("  (0600)");
        sb.Append('\n');
    }

    private static string Short(string? hash) => hash == null ? "(none)" : hash.Substring(0, Math.Min(12, hash.Length));

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
