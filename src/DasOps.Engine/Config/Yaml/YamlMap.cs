using System.Collections;
using System.Collections.Generic;

namespace DasOps.Engine.Config.Yaml;

/// <summary>
/// A mapping to write into a YAML text, in the order its keys should appear. Values are scalars (string, bool,
/// integer), nested <see cref="YamlMap"/>s, or lists of either.
/// </summary>
public sealed class YamlMap : IEnumerable<KeyValuePair<string, object>>
{
    private readonly List<KeyValuePair<string, object>> _entries = new List<KeyValuePair<string, object>>();

    public void Add(string key, object value) => _entries.Add(new KeyValuePair<string, object>(key, value));

    public int Count => _entries.Count;

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
