using System.Collections.Generic;

namespace DasOps.Engine.Config.Yaml;

/// <summary>
/// One mapping entry (<c>key: value</c>) or sequence item (<c>- …</c>) of a block-style YAML text, located by line
/// and column so that an edit can rewrite exactly its characters and leave every other byte as it was.
/// </summary>
public sealed class YamlTextEntry
{
    internal YamlTextEntry(YamlTextEntry? parent, int line, int column, string? key)
    {
        Parent = parent;
        Line = line;
        Column = column;
        Key = key;
        LastLine = line;
    }

    public YamlTextEntry? Parent { get; }

    /// <summary>Line index (0-based) of the key, or of the dash of an item.</summary>
    public int Line { get; }

    /// <summary>Column of the key, or of the dash of an item.</summary>
    public int Column { get; }

    /// <summary>The key (unquoted); null for a sequence item.</summary>
    public string? Key { get; }

    public bool IsItem => Key == null;

    /// <summary>Where the inline value starts on <see cref="Line"/> (-1 when there is none) and its length, comment excluded.</summary>
    public int ValueStart { get; internal set; } = -1;

    public int ValueLength { get; internal set; }

    /// <summary>The last line (inclusive) of this entry's own text: children and block-scalar lines, not trailing comments.</summary>
    public int LastLine { get; internal set; }

    public bool IsBlockScalar { get; internal set; }

    public List<YamlTextEntry> Children { get; } = new List<YamlTextEntry>();

    public bool HasInlineValue => ValueStart >= 0 && ValueLength > 0;

    public override string ToString() => (Key ?? "-") + " @" + (Line + 1) + ":" + (Column + 1);
}
