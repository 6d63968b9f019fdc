using System.Text.RegularExpressions;

namespace DasOps.NodeEmulator.Sp;

/// <summary>
/// One execution group of a distributed app: its queries, how many parallel copies to run, and whether it is a
/// receiver group (a passthrough group, which only receiver workers run).
/// </summary>
internal sealed record ExecutionGroup(string Name, int Parallel, IReadOnlyList<string> Queries, bool Receiver = false);

/// <summary>
/// Splits a Siddhi app by its @dist(execGroup='g', parallel='n') annotations the way the job manager's app creator
/// names the parts: one child app "&lt;app&gt;-&lt;group&gt;-&lt;i&gt;" per parallel instance. Stream definitions go
/// into every child (the real creator rewires them to messaging topics, which the emulator does not model).
/// Queries without @dist form the group "&lt;app&gt;-default" with parallelism 1 (emulator simplification).
/// A stream with a user-given @source that a group of parallelism &gt; 1 or two or more groups consume gets, per
/// @source, a receiver group "passthrough-&lt;n&gt;" in front of the others, as SiddhiTopologyCreatorImpl's
/// checkUserGivenSourceDistribution does (carbon-analytics v2.1.22; see <see cref="SourceStreams"/>).
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
        var split = groups.Select(g => new ExecutionGroup(g.Name, g.Parallel, g.Queries)).ToList();
        return Passthroughs(text, split).Concat(split).ToList();
    }

    /// <summary>
    /// The receiver groups: for each user-source stream whose consumers need it spread (a consumer with parallelism
    /// &gt; 1, or more than one consuming group), one passthrough group per @source, parallelism from that @source's
    /// @dist(parallel). The real creator names them "&lt;app&gt;-passthrough-&lt;random&gt;"; the emulator numbers
    /// them 1, 2, … in definition order so that a new leader splitting the stored text finds the same children.
    /// </summary>
    private static IEnumerable<ExecutionGroup> Passthroughs(string text, IReadOnlyList<ExecutionGroup> groups)
    {
        var n = 0;
        foreach (var (stream, parallels) in SourceStreams(text))
        {
            var consumers = groups.Where(g => g.Queries.Any(q => SiddhiQueries.Consumes(q, stream))).ToList();
            if (consumers.Count == 0 || (consumers.Count == 1 && consumers[0].Parallel == 1))
                continue;
            foreach (var parallel in parallels)
                yield return new ExecutionGroup($"passthrough-{++n}", parallel,
                    [$"from passthrough{stream} select * insert into {stream}"], Receiver: true);
        }
    }

    /// <summary>
    /// Each stream defined with one or more @source annotations (any type: the app's text never holds the
    /// distributed implementation's own Kafka/NATS transport, which the creator adds later), and per @source the
    /// smallest @dist(parallel) nested in it (1 when there is none, or when a @dist has no parallel), as
    /// getSourceParallelism reads it.
    /// </summary>
    public static IReadOnlyList<(string Stream, IReadOnlyList<int> Parallels)> SourceStreams(string text)
    {
        var found = new List<(string, IReadOnlyList<int>)>();
        foreach (var raw in text.Split(';'))
        {
            var define = Regex.Match(raw, @"\bdefine\s+stream\s+(\w+)", RegexOptions.IgnoreCase);
            if (!define.Success)
                continue;
            var parallels = SiddhiQueries.Annotations(raw[..define.Index], "source").Select(SourceParallelism).ToList();
            if (parallels.Count > 0)
                found.Add((define.Groups[1].Value, parallels));
        }
        return found;
    }

    private static int SourceParallelism(string sourceBody)
    {
        var values = new List<int>();
        foreach (Match dist in Dist().Matches(sourceBody))
        {
            var parallel = Pair().Matches(dist.Groups[1].Value)
                .FirstOrDefault(p => p.Groups[1].Value.Equals("parallel", StringComparison.OrdinalIgnoreCase));
            if (parallel == null || !int.TryParse(parallel.Groups[2].Value, out var p) || p < 1)
                return 1;
            values.Add(p);
        }
        return values.Count == 0 ? 1 : values.Min();
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
