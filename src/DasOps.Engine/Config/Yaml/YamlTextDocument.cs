using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace DasOps.Engine.Config.Yaml;

/// <summary>
/// A block-style YAML file edited in place: every comment, blank line, key order, quoting style and line ending
/// that an edit does not touch stays byte for byte, and an edit that sets what is already there changes nothing.
/// Paths name entries by key, separated by '/' (keys such as <c>wso2.carbon</c> hold dots), with <c>[2]</c> for an
/// item by position and <c>[name=SP_MGT_DB]</c> for the item whose <c>name</c> is that value.
/// </summary>
public sealed class YamlTextDocument
{
    private readonly List<string> _lines;
    private readonly string _newline;
    private readonly bool _endsWithNewline;
    private readonly string _sourceName;
    private YamlTextEntry _root;

    private YamlTextDocument(List<string> lines, string newline, bool endsWithNewline, string sourceName)
    {
        _lines = lines;
        _newline = newline;
        _endsWithNewline = endsWithNewline;
        _sourceName = sourceName;
        _root = YamlTextParser.Parse(_lines, _sourceName);
    }

    public static YamlTextDocument Parse(string text, string sourceName)
    {
        var newline = text.Contains("\r\n") ? "\r\n" : "\n";
        var endsWithNewline = text.EndsWith("\n", StringComparison.Ordinal);
        var body = endsWithNewline ? text.Substring(0, text.Length - newline.Length) : text;
        var lines = body.Length == 0 && endsWithNewline ? new List<string> { "" } : body.Split(new[] { newline }, StringSplitOptions.None).ToList();
        return new YamlTextDocument(lines, newline, endsWithNewline, sourceName);
    }

    public override string ToString() => string.Join(_newline, _lines) + (_endsWithNewline ? _newline : "");

    /// <summary>The entry at <paramref name="path"/>, or null when any part of it is missing.</summary>
    public YamlTextEntry? Find(string path)
    {
        var entry = _root;
        foreach (var segment in Segments(path))
        {
            entry = Step(entry, segment);
            if (entry == null) return null;
        }
        return entry;
    }

    /// <summary>The string an entry's inline scalar stands for, or null when it has none.</summary>
    public string? ValueOf(string path)
    {
        var entry = Find(path);
        return entry == null || !entry.HasInlineValue ? null : YamlTextScalar.Unquote(InlineText(entry));
    }

    /// <summary>
    /// Sets a scalar, keeping the line's comment and the value's quoting style. A missing key is added as the last
    /// entry of its mapping, and missing mappings on the way are added too; a missing item is an error.
    /// </summary>
    public void SetScalar(string path, object value)
    {
        var (parentPath, key) = SplitLast(path);
        var entry = Find(path);
        if (entry == null)
        {
            var parent = EnsureMapping(parentPath);
            Insert(parent, Render(key, value, ChildColumn(parent)));
            return;
        }
        if (entry.Children.Count > 0 || entry.IsBlockScalar)
            throw Error(entry, $"'{path}' holds a nested value, not a scalar.");
        var line = _lines[entry.Line];
        var previous = entry.HasInlineValue ? InlineText(entry) : null;
        var text = YamlTextScalar.Format(value, previous);
        if (text == previous) return;
        if (entry.HasInlineValue)
            _lines[entry.Line] = line.Substring(0, entry.ValueStart) + text + line.Substring(entry.ValueStart + entry.ValueLength);
        else
            _lines[entry.Line] = line.TrimEnd() + " " + text;    // "key:" with no value (null) gets one
        Reparse();
    }

    /// <summary>
    /// Writes <paramref name="map"/> into the mapping at <paramref name="path"/> key by key: scalars are set in place,
    /// nested maps are merged the same way, and lists replace the sequence that is there. Keys the map does not name
    /// stay as they are, comments included.
    /// </summary>
    public void Merge(string path, YamlMap map)
    {
        EnsureMapping(path);
        foreach (var pair in map)
        {
            if (pair.Key.IndexOf('/') >= 0 || pair.Key.StartsWith("[", StringComparison.Ordinal))
                throw new ArgumentException($"the key '{pair.Key}' cannot be named in a path.", nameof(map));
            var childPath = path.Length == 0 ? pair.Key : path + "/" + pair.Key;
            switch (pair.Value)
            {
                case YamlMap nested:
                    var existing = Find(childPath);
                    if (existing != null && existing.HasInlineValue) Remove(childPath);    // a flow or scalar value becomes a block
                    Merge(childPath, nested);
                    break;
                case IList list: ReplaceSequence(childPath, list); break;
                default: SetScalar(childPath, pair.Value); break;
            }
        }
    }

    /// <summary>Makes the value at <paramref name="path"/> exactly this list (a block sequence); unchanged text when it already is.</summary>
    public void ReplaceSequence(string path, IList items)
    {
        var (parentPath, key) = SplitLast(path);
        var parent = EnsureMapping(parentPath);
        var entry = Find(path);
        var column = entry?.Column ?? ChildColumn(parent);
        var rendered = Render(key, items, column);
        if (entry != null)
        {
            // Compared without comments, so a sequence that already says this keeps its comments; the comment is cut
            // where the parser cuts it (a '#' after a space, outside quotes), so "password: 'a #b'" stays whole.
            var current = _lines.Skip(entry.Line).Take(entry.LastLine - entry.Line + 1).Select(WithoutComment).Where(l => l.Length > 0).ToList();
            if (current.SequenceEqual(rendered.Select(WithoutComment))) return;
            var at = entry.Line;
            Remove(path);
            _lines.InsertRange(at, rendered);
            Reparse();
            return;
        }
        Insert(parent, rendered);
    }

    /// <summary>
    /// Like <see cref="Merge"/> on the top-level <paramref name="key"/>, but a key the file does not have yet is written
    /// after the run of comment lines that starts with <paramref name="commentLine"/> (a commented-out sample, which
    /// stays as it is), with a blank line before it. Without that comment it goes at the end, as Merge puts it.
    /// </summary>
    public void MergeAfterComment(string key, YamlMap map, string commentLine)
    {
        if (Find(key) != null || key.IndexOf('/') >= 0)
        {
            Merge(key, map);
            return;
        }
        var start = _lines.FindIndex(l => l.Trim() == commentLine.Trim());
        if (start < 0)
        {
            Merge(key, map);
            return;
        }
        var end = start;
        while (end + 1 < _lines.Count && _lines[end + 1].TrimStart().StartsWith("#", StringComparison.Ordinal)) end++;
        var block = new List<string> { "" };
        block.AddRange(Render(key, map, 0));
        _lines.InsertRange(end + 1, block);
        Reparse();
    }

    /// <summary>Removes the entry at <paramref name="path"/> with its lines; nothing when it is not there.</summary>
    public void Remove(string path)
    {
        var entry = Find(path);
        if (entry == null) return;
        if (!entry.IsItem && entry.Parent!.IsItem && entry.Parent.Line == entry.Line)
            throw Error(entry, $"'{path}' shares its line with its item's dash; remove the item instead.");
        _lines.RemoveRange(entry.Line, entry.LastLine - entry.Line + 1);
        Reparse();
    }

    private YamlTextEntry EnsureMapping(string path)
    {
        if (path.Length == 0) return _root;
        var entry = Find(path);
        if (entry != null)
        {
            if (entry.IsBlockScalar || (entry.HasInlineValue && entry.Children.Count == 0))
                throw Error(entry, $"'{path}' holds a scalar, not a mapping.");
            return entry;
        }
        var (parentPath, key) = SplitLast(path);
        if (key.StartsWith("[", StringComparison.Ordinal))
            throw new YamlTextException(_sourceName, 1, 1, $"no item '{path}' to write into.");
        var parent = EnsureMapping(parentPath);
        Insert(parent, new List<string> { new string(' ', ChildColumn(parent)) + FormatKey(key) + ":" });
        return Find(path)!;
    }

    /// <summary>Adds lines as the last entry of <paramref name="parent"/>: after its last line, before trailing comments.</summary>
    private void Insert(YamlTextEntry parent, List<string> lines)
    {
        var at = parent == _root ? LastContentLine() + 1 : parent.LastLine + 1;
        _lines.InsertRange(at, lines);
        Reparse();
    }

    private int LastContentLine()
    {
        for (var i = _lines.Count - 1; i >= 0; i--)
        {
            var t = _lines[i].TrimStart();
            if (t.Length > 0 && t[0] != '#') return i;
        }
        return _lines.Count - 1;
    }

    private int ChildColumn(YamlTextEntry parent)
    {
        if (parent == _root) return 0;
        var keyed = parent.Children.FirstOrDefault(c => !c.IsItem);
        if (keyed != null) return keyed.Column;
        return parent.Column + 2;
    }

    private static List<string> Render(string key, object value, int column)
    {
        var pad = new string(' ', column);
        var lines = new List<string>();
        switch (value)
        {
            case YamlMap map:
                lines.Add(pad + FormatKey(key) + ":");
                foreach (var pair in map) lines.AddRange(Render(pair.Key, pair.Value, column + 2));
                break;
            case IList list:
                lines.Add(pad + FormatKey(key) + ":");
                foreach (var item in list)
                {
                    if (item is YamlMap itemMap && itemMap.Count > 0)
                    {
                        var first = true;
                        foreach (var pair in itemMap)
                        {
                            var rendered = Render(pair.Key, pair.Value, column + 4);
                            if (first) rendered[0] = pad + "  - " + rendered[0].Substring(column + 4);
                            lines.AddRange(rendered);
                            first = false;
                        }
                    }
                    else lines.Add(pad + "  - " + YamlTextScalar.Format(item!));
                }
                break;
            default:
                lines.Add(pad + FormatKey(key) + ": " + YamlTextScalar.Format(value));
                break;
        }
        return lines;
    }

    /// <summary>The line without its comment and trailing spaces; "" for a comment or blank line.</summary>
    private static string WithoutComment(string line)
    {
        var start = YamlTextParser.Indentation(line);
        if (start < line.Length && line[start] == '#') return "";
        for (var i = start; i < line.Length; i++)
        {
            if ((line[i] == '"' || line[i] == '\'') && (i == start || " [{,".IndexOf(line[i - 1]) >= 0))    // "it's" is no quote
            {
                var close = YamlTextParser.ClosingQuote(line, i);
                if (close < 0) break;
                i = close;
            }
            else if (line[i] == '#' && i > 0 && line[i - 1] == ' ') return line.Substring(0, i).TrimEnd();
        }
        return line.TrimEnd();
    }

    private static string FormatKey(string key) => YamlTextScalar.IsSafePlain(key) ? key : YamlTextScalar.SingleQuoted(key);

    private string InlineText(YamlTextEntry entry) => _lines[entry.Line].Substring(entry.ValueStart, entry.ValueLength);

    private YamlTextEntry? Step(YamlTextEntry entry, string segment)
    {
        if (!segment.StartsWith("[", StringComparison.Ordinal))
            return entry.Children.FirstOrDefault(c => c.Key == segment);
        var inner = segment.Substring(1, segment.Length - 2);
        var items = entry.Children.Where(c => c.IsItem).ToList();
        var eq = inner.IndexOf('=');
        if (eq < 0)
            return int.TryParse(inner, out var index) && index >= 0 && index < items.Count ? items[index] : null;
        var (k, v) = (inner.Substring(0, eq), inner.Substring(eq + 1));
        return items.FirstOrDefault(i => i.Children.Any(c => c.Key == k && c.HasInlineValue && YamlTextScalar.Unquote(InlineText(c)) == v));
    }

    // '/' separates keys; an item selector's value may hold '/' ("[url=http://x/y]"), so brackets are kept whole.
    private static IEnumerable<string> Segments(string path)
    {
        var start = 0;
        var depth = 0;
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '[')
            {
                if (depth == 0 && i > start)
                {
                    yield return path.Substring(start, i - start);    // "list[2]" is the key, then the item
                    start = i;
                }
                depth++;
            }
            else if (path[i] == ']') depth--;
            else if (path[i] == '/' && depth == 0)
            {
                if (i > start) yield return path.Substring(start, i - start);
                start = i + 1;
            }
        }
        if (start < path.Length) yield return path.Substring(start);
    }

    private static (string Parent, string Last) SplitLast(string path)
    {
        var segments = Segments(path).ToList();
        if (segments.Count == 0) throw new ArgumentException("an empty YAML path.", nameof(path));
        var last = segments[segments.Count - 1];
        var parent = path.Substring(0, Math.Max(0, path.Length - last.Length)).TrimEnd('/');
        return (parent, last);
    }

    private void Reparse() => _root = YamlTextParser.Parse(_lines, _sourceName);

    private YamlTextException Error(YamlTextEntry entry, string what) =>
        new YamlTextException(_sourceName, entry.Line + 1, entry.Column + 1, what);
}
