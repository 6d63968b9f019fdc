using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using DasOps.Engine.Diagnostics;

namespace DasOps.Engine.Apps;

/// <summary>One execution group of a distributed Siddhi app: the queries and partitions that run together, N times in parallel.</summary>
public sealed class ExecutionGroup
{
    public ExecutionGroup(string name, int parallel, int line, IReadOnlyList<string> elements)
    {
        Name = name;
        Parallel = parallel;
        Line = line;
        Elements = elements;
    }

    public string Name { get; }

    /// <summary>How many instances the manager deploys (parallel='N'; 1 when not given, seed 004).</summary>
    public int Parallel { get; }

    /// <summary>The line of the group's first element in the app file.</summary>
    public int Line { get; }

    /// <summary>The queries and partitions in the group: their @info name, or "query at line N".</summary>
    public IReadOnlyList<string> Elements { get; }
}

/// <summary>
/// A Siddhi app as the manager splits it (seed 004): its name from <c>@App:name</c> and its execution groups from
/// <c>@dist(execGroup='g', parallel='N')</c> on each query or partition. Elements without a group form a default one,
/// as the manager's own splitter does. Read from the text only, so a plan can be shown before anything is deployed.
/// </summary>
public sealed class SiddhiApp
{
    /// <summary>The group elements without @dist go to, shown as such in plans.</summary>
    public const string DefaultGroup = "(default)";

    private static readonly Regex AppName = new Regex(@"@app\s*:\s*name\s*\(\s*(?:'([^']*)'|""([^""]*)"")\s*\)", RegexOptions.IgnoreCase);
    private static readonly Regex Annotation = new Regex(@"@(dist|info|source)\s*\(([^)]*)\)", RegexOptions.IgnoreCase);
    private static readonly Regex Element = new Regex(@"\G\s*(?:@[^@;]*?\)\s*)*(from|partition)\b", RegexOptions.IgnoreCase);
    private static readonly Regex KeyValue = new Regex(@"([A-Za-z][\w.]*)\s*=\s*(?:'([^']*)'|""([^""]*)""|[‘’]([^‘’']*)['‘’])");
    private static readonly Regex PlainName = new Regex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\z");

    private SiddhiApp(string name, string text, IReadOnlyList<ExecutionGroup> groups, bool hasUserSource)
    {
        Name = name;
        Text = text;
        Groups = groups;
        HasUserSource = hasUserSource;
    }

    public string Name { get; }

    /// <summary>The app exactly as read: what is sent to the manager, byte for byte.</summary>
    public string Text { get; }

    public IReadOnlyList<ExecutionGroup> Groups { get; }

    /// <summary>A user-defined @source (HTTP, Thrift, …): its groups can run only on receiver workers (seed 004).</summary>
    public bool HasUserSource { get; }

    /// <summary>Reads an app; every problem at once, each with file:line, as an <see cref="InputException"/>.</summary>
    public static SiddhiApp Parse(string text, string sourceName)
    {
        var code = Blank(text);
        var problems = new List<string>();
        string Where(int index) => $"{sourceName}:{LineOf(text, index)}";

        var nameMatch = AppName.Match(code);
        // Matched on the blanked code (so a commented-out name does not count), read from the real text.
        var nameText = nameMatch.Success ? AppName.Match(text, nameMatch.Index) : null;
        var name = nameText == null ? null : nameText.Groups[1].Success ? nameText.Groups[1].Value : nameText.Groups[2].Value;
        if (!nameMatch.Success) problems.Add($"{sourceName}:1: no @App:name('...'); the manager needs a name to deploy, list and redeploy the app");
        else if (!PlainName.IsMatch(name ?? "")) problems.Add($"{Where(nameMatch.Index)}: the app name '{name}' is not a plain name (letters, digits, _ . -)");

        var groups = new List<(string Name, int? Parallel, int Line, List<string> Elements)>();
        var hasUserSource = false;
        var start = 0;
        foreach (var end in StatementEnds(code))
        {
            var statement = code.Substring(start, end - start);
            var statementText = text.Substring(start, end - start);
            var annotations = Annotation.Matches(statement).Cast<Match>().ToList();
            // An in-memory source is the distributed wiring's own; any other type (http, thrift, …) is the user's.
            hasUserSource |= annotations.Any(a => a.Groups[1].Value.Equals("source", StringComparison.OrdinalIgnoreCase)
                && !(Values(statementText, a).TryGetValue("type", out var type) && type.Equals("inMemory", StringComparison.OrdinalIgnoreCase)));
            var element = Element.Match(statement);
            if (element.Success)
            {
                var line = LineOf(text, start + element.Groups[1].Index);
                var info = annotations.FirstOrDefault(a => a.Groups[1].Value.Equals("info", StringComparison.OrdinalIgnoreCase));
                var label = info != null && Values(statementText, info).TryGetValue("name", out var n) ? n : $"{(element.Groups[1].Value.Equals("from", StringComparison.OrdinalIgnoreCase) ? "query" : "partition")} at line {line}";
                var dist = annotations.FirstOrDefault(a => a.Groups[1].Value.Equals("dist", StringComparison.OrdinalIgnoreCase));
                var values = dist != null ? Values(statementText, dist) : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                var group = values.TryGetValue("execGroup", out var g) ? g : DefaultGroup;
                int? parallel = null;
                if (values.TryGetValue("parallel", out var p))
                {
                    if (int.TryParse(p.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1) parallel = count;
                    else problems.Add($"{sourceName}:{line}: parallel='{p}' in group '{group}' is not a whole number of at least 1");
                }
                if (group != DefaultGroup && !PlainName.IsMatch(group)) problems.Add($"{sourceName}:{line}: execGroup='{group}' is not a plain name (letters, digits, _ . -)");
                var existing = groups.FindIndex(x => x.Name == group);
                if (existing < 0) groups.Add((group, parallel, line, new List<string> { label }));
                else
                {
                    var known = groups[existing];
                    if (parallel != null && known.Parallel != null && parallel != known.Parallel)
                        problems.Add($"{sourceName}:{line}: group '{group}' has parallel='{parallel}' here and parallel='{known.Parallel}' at line {known.Line}; a group has one parallelism");
                    known.Elements.Add(label);
                    groups[existing] = (known.Name, known.Parallel ?? parallel, known.Line, known.Elements);
                }
            }
            start = end;
        }
        if (groups.Count == 0) problems.Add($"{sourceName}:1: no query or partition: nothing for the manager to deploy");
        if (problems.Count > 0) throw new InputException(InputErrorKind.ParameterInvalid, string.Join(Environment.NewLine, problems), sourceName);
        return new SiddhiApp(name!, text, groups.Select(x => new ExecutionGroup(x.Name, x.Parallel ?? 1, x.Line, x.Elements)).ToList(), hasUserSource);
    }

    private static Dictionary<string, string> Values(string statementText, Match annotation)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match kv in KeyValue.Matches(statementText.Substring(annotation.Groups[2].Index, annotation.Groups[2].Length)))
            values[kv.Groups[1].Value] = kv.Groups[2].Success ? kv.Groups[2].Value : kv.Groups[3].Success ? kv.Groups[3].Value : kv.Groups[4].Value;
        return values;
    }

    /// <summary>The text with comments and the insides of quotes blanked (same length), so structure is found only in code.</summary>
    private static string Blank(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '-' && i + 1 < chars.Length && chars[i + 1] == '-')
                for (; i < chars.Length && chars[i] != '\n'; i++) chars[i] = ' ';
            else if (chars[i] == '/' && i + 1 < chars.Length && chars[i + 1] == '*')
            {
                var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                var stop = close < 0 ? chars.Length : close + 2;
                for (; i < stop; i++) if (chars[i] != '\n') chars[i] = ' ';
                i--;
            }
            else if (chars[i] is '\'' or '"' or '‘' or '’')
            {
                var quote = chars[i];
                for (i++; i < chars.Length && chars[i] != quote && !(quote == '‘' && chars[i] is '\'' or '’'); i++)
                    if (chars[i] != '\n') chars[i] = 'x';
            }
        }
        return new string(chars);
    }

    /// <summary>Ends of the top-level statements: each ';' outside a partition's begin … end (and the end of the text).</summary>
    private static IEnumerable<int> StatementEnds(string code)
    {
        var depth = 0;
        foreach (Match token in Regex.Matches(code, @"\bbegin\b|\bend\b|;", RegexOptions.IgnoreCase))
        {
            var word = token.Value.ToLowerInvariant();
            if (word == "begin") depth++;
            else if (word == "end") depth = Math.Max(0, depth - 1);
            else if (depth == 0) yield return token.Index + 1;
        }
        yield return code.Length;
    }

    private static int LineOf(string text, int index) => 1 + text.Take(Math.Min(index, text.Length)).Count(c => c == '\n');
}
