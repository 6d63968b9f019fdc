using System.Text.RegularExpressions;

namespace DasOps.NodeEmulator.Sp;

/// <summary>One execution group of a distributed app: its queries and how many parallel copies to run.</summary>
internal sealed record ExecutionGroup(string Name, int Parallel, IReadOnlyList<string> Queries);

/// <summary>
/// Splits a Siddhi app by its @dist(execGroup='g', parallel='n') annotations the way the job manager's app creator
/// names the parts: one child app "&lt;app&gt;-&lt;group&gt;-&lt;i&gt;" per parallel instance. Stream definitions go
/// into every child (the real creator rewires them to messaging topics, which the emulator does not model).
/// Queries without @dist form the group "&lt;app&gt;-default" with parallelism 1 (emulator simplification).
/// </summary>
internal static partial class SiddhiApp
{
    [GeneratedRegex(@"@App:name\(\s*['""]([^'""]+)['""]\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex AppName();

    [GeneratedRegex(@"@dist\s*\(([^)]*)\)", RegexOptions.IgnoreCase)]
    private static partial Regex Dist();

    [GeneratedRegex(@"(\w+)\s*=\s*['""‘’]([^'""‘’]*)['""‘’]")]
    private static partial Regex Pair();

    public static string? Name(string text) => AppName().Match(text) is { Success: true } m ? m.Groups[1].Value.Trim() : null;

    public static IReadOnlyList<ExecutionGroup> Split(string text)
    {
        var name = Name(text) ?? "app";
        var groups = new List<(string Name, int Parallel, List<string> Queries)>();
        // Statements end with ';'. Annotations stay attached to the statement they precede.
        foreach (var raw in text.Split(';'))
        {
            var statement = raw.Trim();
            if (!Regex.IsMatch(statement, @"(^|\s)from\s", RegexOptions.IgnoreCase) && !statement.Contains("partition with", StringComparison.OrdinalIgnoreCase))
                continue;
            string group = name + "-default";
            var parallel = 1;
            if (Dist().Match(statement) is { Success: true } dist)
            {
                foreach (Match pair in Pair().Matches(dist.Groups[1].Value))
                {
                    if (pair.Groups[1].Value.Equals("execGroup", StringComparison.OrdinalIgnoreCase))
                        group = pair.Groups[2].Value;
                    else if (pair.Groups[1].Value.Equals("parallel", StringComparison.OrdinalIgnoreCase) && int.TryParse(pair.Groups[2].Value, out var p) && p > 0)
                        parallel = p;
                }
            }
            var existing = groups.FindIndex(g => g.Name == group);
            if (existing < 0)
                groups.Add((group, parallel, [statement]));
            else
            {
                var g = groups[existing];
                g.Queries.Add(statement);
                groups[existing] = (g.Name, Math.Max(g.Parallel, parallel), g.Queries);
            }
        }
        return groups.Select(g => new ExecutionGroup(g.Name, g.Parallel, g.Queries)).ToList();
    }

    /// <summary>The text of one child app: the parent's definitions plus the group's queries, under its own @App:name.</summary>
    public static string Child(string parentText, string childName, ExecutionGroup group)
    {
        var definitions = parentText.Split(';').Select(s => s.Trim())
            .Where(s => Regex.IsMatch(s, @"(^|\n)\s*(@[^\n]*\n\s*)*define\s", RegexOptions.IgnoreCase))
            .Select(s => AppName().Replace(s, "").Trim());
        return $"@App:name('{childName}')\n" + string.Join(";\n", definitions.Concat(group.Queries.Select(q => AppName().Replace(q, "").Trim()))) + ";\n";
    }
}
