using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DasOps.Engine.Planning;

/// <summary>The plan as an operator reads it: one line per file with its change, then the diffs.</summary>
public static class PlanText
{
    public static string Format(IEnumerable<NodePlan> plans, bool withDiffs)
    {
        var sb = new StringBuilder();
        var list = plans.ToList();
        foreach (var plan in list)
        {
            sb.Append(plan.Node).Append(" (").Append(plan.Home).Append("): ")
              .Append(plan.HasChanges ? $"{plan.ChangedCount} of {plan.Files.Count} files change" : "unchanged").Append('\n');
            foreach (var file in plan.Files)
            {
                sb.Append("  ").Append(Label(file.Change).PadRight(9)).Append(' ').Append(file.Path);
                if (file.Change != FileChange.Unchanged) sb.Append("  ").Append(Short(file.ShownCurrentHash)).Append(" -> ").Append(Short(file.ShownDesiredHash));
                if (file.HoldsSecrets) sb.Append("  (0600)");
                sb.Append('\n');
            }
        }
        if (withDiffs)
        {
            foreach (var file in list.SelectMany(p => p.Files).Where(f => f.Diff.Length > 0))
            {
                sb.Append('\n').Append(file.Diff);
            }
        }
        var changed = list.Sum(p => p.ChangedCount);
        sb.Append('\n').Append(changed == 0
            ? $"Plan: unchanged ({list.Count} node(s), nothing to do)."
            : $"Plan: {changed} file(s) to change on {list.Count(p => p.HasChanges)} of {list.Count} node(s).").Append('\n');
        return sb.ToString();
    }

    public static string Label(FileChange change) => change switch
    {
        FileChange.Created => "created",
        FileChange.Modified => "modified",
        FileChange.Removed => "removed",
        _ => "unchanged",
    };

    private static string Short(string? hash) => hash == null ? "(none)" : hash.Substring(0, System.Math.Min(12, hash.Length));
}
