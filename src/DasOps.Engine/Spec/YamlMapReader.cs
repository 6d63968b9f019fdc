using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using YamlDotNet.RepresentationModel;

namespace DasOps.Engine.Spec;

/// <summary>
/// Reads one YAML mapping into a spec object: typed values, the location of each key, and an error for
/// every key nobody asked for (unknown keys are typos that would otherwise be silently ignored).
/// </summary>
internal sealed class YamlMapReader
{
    private readonly YamlMappingNode _map;
    private readonly string _file;
    private readonly List<SpecError> _errors;
    private readonly HashSet<string> _known = new HashSet<string>(StringComparer.Ordinal);
    private readonly SpecElement _target;

    public YamlMapReader(YamlMappingNode map, string file, List<SpecError> errors, SpecElement target)
    {
        _map = map;
        _file = file;
        _errors = errors;
        _target = target;
        target.Location = At(map);
    }

    public SpecLocation At(YamlNode node) => new SpecLocation(_file, (int)node.Start.Line, (int)node.Start.Column);

    public YamlNode? Node(string key)
    {
        _known.Add(key);
        foreach (var entry in _map.Children)
        {
            if (entry.Key is YamlScalarNode k && k.Value == key)
            {
                _target.SetLocation(key, At(entry.Value));
                return entry.Value;
            }
        }
        return null;
    }

    public string? String(string key)
    {
        var node = Node(key);
        if (node == null || IsNull(node)) return null;
        if (node is YamlScalarNode scalar) return scalar.Value;
        Error(node, "InvalidValue", $"'{key}' must be a single value.");
        return null;
    }

    public int? Int(string key)
    {
        var text = String(key);
        if (text == null) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        Error(Node(key)!, "InvalidValue", $"'{key}' must be a whole number, not '{text}'.");
        return null;
    }

    public bool? Bool(string key)
    {
        var text = String(key);
        if (text == null) return null;
        switch (text.ToLowerInvariant())
        {
            case "true": case "yes": case "on": return true;
            case "false": case "no": case "off": return false;
        }
        Error(Node(key)!, "InvalidValue", $"'{key}' must be true or false, not '{text}'.");
        return null;
    }

    public T? Enum<T>(string key) where T : struct
    {
        var text = String(key);
        if (text == null) return null;
        // TryParse also takes numbers and comma-combined names ("IsAnalytics, Das"); only one defined name is a value.
        if (text.IndexOf(',') < 0 && System.Enum.TryParse<T>(text, true, out var value) && !int.TryParse(text, out _)
            && System.Enum.IsDefined(typeof(T), value)) return value;
        Error(Node(key)!, "InvalidValue",
            $"'{key}' must be one of {string.Join(", ", System.Enum.GetNames(typeof(T)))}, not '{text}'.");
        return null;
    }

    /// <summary>A scalar or a sequence of scalars, as a list.</summary>
    public List<(string Value, YamlNode Node)>? List(string key)
    {
        var node = Node(key);
        if (node == null || IsNull(node)) return null;
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value!.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0)
                .Select(v => (v, (YamlNode)scalar)).ToList();
        }
        if (node is YamlSequenceNode seq)
        {
            var result = new List<(string, YamlNode)>();
            foreach (var item in seq.Children)
            {
                if (item is YamlScalarNode s && s.Value != null) result.Add((s.Value, item));
                else Error(item, "InvalidValue", $"'{key}' entries must be single values.");
            }
            return result;
        }
        Error(node, "InvalidValue", $"'{key}' must be a value or a list of values.");
        return null;
    }

    public YamlMappingNode? Map(string key)
    {
        var node = Node(key);
        if (node == null || IsNull(node)) return null;
        if (node is YamlMappingNode map) return map;
        Error(node, "InvalidValue", $"'{key}' must be a mapping of keys to values.");
        return null;
    }

    public YamlSequenceNode? Sequence(string key)
    {
        var node = Node(key);
        if (node == null || IsNull(node)) return null;
        if (node is YamlSequenceNode seq) return seq;
        Error(node, "InvalidValue", $"'{key}' must be a list.");
        return null;
    }

    /// <summary>Reports every key that no reader asked for, at the key's own position.</summary>
    public void RejectUnknownKeys(string where)
    {
        foreach (var entry in _map.Children)
        {
            var key = (entry.Key as YamlScalarNode)?.Value ?? "";
            if (_known.Contains(key)) continue;
            var hint = Closest(key);
            Error(entry.Key, "UnknownKey",
                $"unknown key '{key}' in {where}" + (hint == null ? "." : $"; did you mean '{hint}'?"));
        }
    }

    public void Error(YamlNode node, string code, string message) => _errors.Add(new SpecError(At(node), code, message));

    private string? Closest(string key) =>
        _known.Where(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase) || Distance(k, key) <= 2)
            .OrderBy(k => Distance(k.ToLowerInvariant(), key.ToLowerInvariant())).FirstOrDefault();

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode s && s.Style == YamlDotNet.Core.ScalarStyle.Plain &&
        (s.Value == null || s.Value == "" || s.Value == "~" || s.Value == "null");

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
