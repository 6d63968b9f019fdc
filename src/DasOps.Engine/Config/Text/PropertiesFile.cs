using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace DasOps.Engine.Config.Text;

/// <summary>
/// Edits a whitespace-separated "key value" file such as spark-defaults.conf, line by line, keeping comments,
/// order, spacing and line endings. A commented-out example of the key ("# key value") is switched on in place.
/// </summary>
public sealed class PropertiesFile
{
    private readonly List<string> _lines;
    private readonly string _newLine;
    private readonly bool _endsWithNewLine;

    public PropertiesFile(string text)
    {
        _newLine = TextContent.DetectNewLine(text);
        _endsWithNewLine = text.EndsWith("\n", StringComparison.Ordinal);
        var body = _endsWithNewLine ? text.Substring(0, text.Length - _newLine.Length) : text;
        _lines = new List<string>(body.Split(new[] { _newLine }, StringSplitOptions.None));
    }

    public string? Get(string key)
    {
        var index = FindActive(key);
        return index < 0 ? null : ActiveLine.Match(_lines[index]) is var m && m.Success && m.Groups["key"].Value == key ? m.Groups["value"].Value.TrimEnd() : null;
    }

    /// <summary>Sets key to value; returns true when the text changed.</summary>
    public bool Set(string key, string value)
    {
        if (value.IndexOf('\n') >= 0 || value.IndexOf('\r') >= 0) throw new ArgumentException($"value for {key} spans lines", nameof(value));
        var index = FindActive(key);
        if (index >= 0)
        {
            var m = ActiveLine.Match(_lines[index]);
            var replaced = m.Groups["lead"].Value + key + m.Groups["sep"].Value + value;
            if (replaced == _lines[index]) return false;
            _lines[index] = replaced;
            return true;
        }
        var commented = FindCommented(key);
        if (commented >= 0)
        {
            _lines[commented] = key + " " + value;
            return true;
        }
        _lines.Add(key + " " + value);
        return true;
    }

    /// <summary>Turns an active "key value" line back into a comment (used when the spec no longer sets it).</summary>
    public bool Unset(string key)
    {
        var index = FindActive(key);
        if (index < 0) return false;
        _lines[index] = "# " + _lines[index].TrimStart();
        return true;
    }

    public override string ToString() => string.Join(_newLine, _lines) + (_endsWithNewLine ? _newLine : "");

    private static readonly Regex ActiveLine = new Regex(@"^(?<lead>[ \t]*)(?<key>[^\s#=]+)(?<sep>[ \t]+|[ \t]*=[ \t]*)(?<value>.*)$", RegexOptions.CultureInvariant);

    private int FindActive(string key)
    {
        for (var i = 0; i < _lines.Count; i++)
        {
            var m = ActiveLine.Match(_lines[i]);
            if (m.Success && m.Groups["key"].Value == key) return i;
        }
        return -1;
    }

    private int FindCommented(string key)
    {
        var pattern = new Regex(@"^[ \t]*#[ \t]*" + Regex.Escape(key) + @"[ \t]", RegexOptions.CultureInvariant);
        for (var i = 0; i < _lines.Count; i++)
        {
            if (pattern.IsMatch(_lines[i])) return i;
        }
        return -1;
    }
}
