using System.Text;
using System.Text.RegularExpressions;

namespace DasOps.NodeEmulator.Sp;

/// <summary>
/// The little of SiddhiQL the emulator reads without a Siddhi compiler: annotation bodies (nested annotations such
/// as @source(…, @map(…), @dist(…)) need balanced parentheses, which a regex cannot count) and which streams a
/// query reads.
/// </summary>
internal static class SiddhiQueries
{
    /// <summary>The bodies (between the outer parentheses) of every @name(…) in <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<string> Annotations(string text, string name)
    {
        var bodies = new List<string>();
        foreach (var (start, open, close) in Spans(text))
            if (string.Equals(text[(start + 1)..open].Trim(), name, StringComparison.OrdinalIgnoreCase))
                bodies.Add(text[(open + 1)..close]);
        return bodies;
    }

    /// <summary>
    /// Whether a query (or partition) reads <paramref name="stream"/>: its name appears as a word once annotations,
    /// quoted strings and insert-into targets are taken out (an emulator reading, not Siddhi's parser).
    /// </summary>
    public static bool Consumes(string query, string stream)
    {
        var text = new StringBuilder(query);
        foreach (var (start, _, close) in Spans(query).Reverse())
            text.Remove(start, close - start + 1);
        var rest = Regex.Replace(text.ToString(), @"'[^']*'|""[^""]*""", " ");
        rest = Regex.Replace(rest, @"\binto\s+#?\w+", " ", RegexOptions.IgnoreCase);
        return Regex.IsMatch(rest, $@"(?<![\w#]){Regex.Escape(stream)}(?!\w)");
    }

    /// <summary>Top-level annotations: the index of '@', of its '(' and of the matching ')'. Quotes are skipped.</summary>
    private static IEnumerable<(int Start, int Open, int Close)> Spans(string text)
    {
        for (var at = text.IndexOf('@'); at >= 0 && at < text.Length; at = text.IndexOf('@', at + 1))
        {
            var nameMatch = Regex.Match(text[at..], @"^@[\w:.]+\s*\(");
            if (!nameMatch.Success)
                continue;
            var open = at + nameMatch.Length - 1;
            var close = MatchingParen(text, open);
            if (close < 0)
                yield break;
            yield return (at, open, close);
            at = close;
        }
    }

    private static int MatchingParen(string text, int open)
    {
        var depth = 0;
        char? quote = null;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != null)
            {
                if (c == quote)
                    quote = null;
            }
            else if (c is '\'' or '"')
                quote = c;
            else if (c == '(')
                depth++;
            else if (c == ')' && --depth == 0)
                return i;
        }
        return -1;
    }
}
