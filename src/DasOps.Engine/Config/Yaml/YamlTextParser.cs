using System.Collections.Generic;
using System.Linq;

namespace DasOps.Engine.Config.Yaml;

/// <summary>
/// Finds the entries of a block-style YAML text, line by line, with their positions. It reads the YAML that WSO2's
/// deployment.yaml files are written in: block mappings and sequences (compact ones included), plain and quoted
/// scalars, flow collections on one line, block scalars and comments. Anything else (tabs for indentation,
/// document markers, anchors and aliases) is refused with its position rather than guessed at.
/// </summary>
internal static class YamlTextParser
{
    public static YamlTextEntry Parse(IReadOnlyList<string> lines, string sourceName)
    {
        var root = new YamlTextEntry(null, -1, -1, "");
        var stack = new List<YamlTextEntry> { root };
        YamlTextEntry? blockScalar = null;

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var column = Indentation(line);
            if (column == line.Length || line[column] == '#')
                continue;
            if (blockScalar != null)
            {
                if (column > blockScalar.Column) { Extend(blockScalar, i); continue; }
                blockScalar = null;
            }
            if (line[column] == '\t')    // Indentation() counts spaces only, so a tab ends it
                throw new YamlTextException(sourceName, i + 1, column + 1, "a tab in the indentation; YAML indents with spaces only.");
            if (line.StartsWith("---") || line.StartsWith("...") || line[column] == '%')
                throw new YamlTextException(sourceName, i + 1, 1, "document markers and directives are not supported in a configuration file.");
            if (line[column] == '?' || line[column] == '&' || line[column] == '*' || line[column] == '!')
                throw new YamlTextException(sourceName, i + 1, column + 1, "explicit keys, and anchors or tags outside a value, are not supported in a configuration file.");

            var top = stack[stack.Count - 1];
            var isItem = line[column] == '-' && (column + 1 == line.Length || line[column + 1] == ' ');
            if (!isItem && !LooksLikeKey(line, column))
            {
                // A continuation of the entry above (a plain scalar or flow collection over several lines).
                if (top == root || column <= top.Column)
                    throw new YamlTextException(sourceName, i + 1, column + 1, "expected 'key: value' or '- item'.");
                Extend(top, i);
                continue;
            }

            YamlTextEntry entry;
            if (isItem)
            {
                while (stack.Count > 1 && (stack[stack.Count - 1].Column > column
                    || (stack[stack.Count - 1].Column == column && !HoldsCompactSequence(stack[stack.Count - 1]))))
                    stack.RemoveAt(stack.Count - 1);
                entry = Add(stack, new YamlTextEntry(stack[stack.Count - 1], i, column, null), i);
                var rest = SkipProperties(line, column + 1);
                if (rest == line.Length || line[rest] == '#')
                    continue;
                if (LooksLikeKey(line, rest))
                {
                    column = rest;    // "- key: value": the item's first entry, on the dash's line
                }
                else
                {
                    SetValue(entry, line, rest, sourceName, i);
                    if (entry.IsBlockScalar) blockScalar = entry;
                    continue;
                }
            }
            else
            {
                while (stack.Count > 1 && stack[stack.Count - 1].Column >= column)
                    stack.RemoveAt(stack.Count - 1);
            }

            var (key, afterColon) = ReadKey(line, column, sourceName, i);
            var parent = stack[stack.Count - 1];
            if (parent.Children.Any(c => c.Key == key))
                throw new YamlTextException(sourceName, i + 1, column + 1, $"the key '{key}' appears twice in the same mapping.");
            entry = Add(stack, new YamlTextEntry(parent, i, column, key), i);
            var value = SkipProperties(line, afterColon);
            if (value < line.Length && line[value] != '#')
            {
                SetValue(entry, line, value, sourceName, i);
                if (entry.IsBlockScalar) blockScalar = entry;
            }
        }
        return root;
    }

    public static int Indentation(string line)
    {
        var n = 0;
        while (n < line.Length && line[n] == ' ') n++;
        return n;
    }

    /// <summary>
    /// Past the spaces from <paramref name="position"/> and any anchor (<c>&amp;name</c>) or tag (<c>!type</c>) there: they
    /// stay in the text as they are, and the value or the item's content starts after them (the worker's metrics
    /// data source is anchored and its reporter refers to it with an alias, which is read as an inline value).
    /// </summary>
    private static int SkipProperties(string line, int position)
    {
        while (true)
        {
            while (position < line.Length && line[position] == ' ') position++;
            if (position >= line.Length || (line[position] != '&' && line[position] != '!')) return position;
            while (position < line.Length && line[position] != ' ') position++;
        }
    }

    /// <summary>A key at <paramref name="column"/>: a quoted or plain key followed by ':' and a space or the end.</summary>
    private static bool LooksLikeKey(string line, int column)
    {
        var c = line[column];
        if (c == '"' || c == '\'')
        {
            var close = ClosingQuote(line, column);
            return close > 0 && close + 1 < line.Length && line[close + 1] == ':' && (close + 2 == line.Length || line[close + 2] == ' ');
        }
        if (c == '{' || c == '[' || c == '#' || c == '|' || c == '>') return false;
        return PlainKeyEnd(line, column) > column;
    }

    private static int PlainKeyEnd(string line, int column)
    {
        for (var i = column; i < line.Length; i++)
        {
            if (line[i] == ' ' && i + 1 < line.Length && line[i + 1] == '#') return -1;
            if (line[i] == ':' && (i + 1 == line.Length || line[i + 1] == ' ')) return i;
        }
        return -1;
    }

    private static (string Key, int AfterColon) ReadKey(string line, int column, string sourceName, int index)
    {
        if (line[column] == '"' || line[column] == '\'')
        {
            var close = ClosingQuote(line, column);
            return (YamlTextScalar.Unquote(line.Substring(column, close - column + 1)), close + 2);
        }
        var end = PlainKeyEnd(line, column);
        if (end < 0) throw new YamlTextException(sourceName, index + 1, column + 1, "expected 'key: value'.");
        return (line.Substring(column, end - column).TrimEnd(), end + 1);
    }

    /// <summary>The inline value from <paramref name="start"/>: up to a comment (outside quotes) or the end, trailing spaces dropped.</summary>
    private static void SetValue(YamlTextEntry entry, string line, int start, string sourceName, int index)
    {
        int end;
        if (line[start] == '"' || line[start] == '\'')
        {
            var close = ClosingQuote(line, start);
            if (close < 0) throw new YamlTextException(sourceName, index + 1, start + 1, "a quoted value must close on the same line here.");
            end = close + 1;
        }
        else
        {
            end = line.Length;
            for (var i = start; i < line.Length; i++)
                if (line[i] == '#' && line[i - 1] == ' ') { end = i; break; }
            while (end > start && line[end - 1] == ' ') end--;
        }
        entry.ValueStart = start;
        entry.ValueLength = end - start;
        var text = line.Substring(start, end - start);
        entry.IsBlockScalar = (text[0] == '|' || text[0] == '>') && text.Skip(1).All(c => c == '-' || c == '+' || char.IsDigit(c));
    }

    /// <summary>Index of the quote closing the one at <paramref name="open"/>, or -1 ('' and \" are escapes).</summary>
    internal static int ClosingQuote(string line, int open)
    {
        var quote = line[open];
        for (var i = open + 1; i < line.Length; i++)
        {
            if (quote == '"' && line[i] == '\\') { i++; continue; }
            if (line[i] != quote) continue;
            if (quote == '\'' && i + 1 < line.Length && line[i + 1] == '\'') { i++; continue; }
            return i;
        }
        return -1;
    }

    /// <summary>A key with no inline value whose children so far are items: "key:" followed by "- …" at its own column.</summary>
    private static bool HoldsCompactSequence(YamlTextEntry entry) =>
        !entry.IsItem && !entry.HasInlineValue && entry.Children.All(c => c.IsItem);

    private static YamlTextEntry Add(List<YamlTextEntry> stack, YamlTextEntry entry, int line)
    {
        entry.Parent!.Children.Add(entry);
        stack.Add(entry);
        Extend(entry, line);
        return entry;
    }

    private static void Extend(YamlTextEntry entry, int line)
    {
        for (var e = entry; e != null && e.Line >= 0; e = e.Parent)
            if (e.LastLine < line) e.LastLine = line;
    }
}
