using System;

namespace DasOps.Engine.Config.Yaml;

/// <summary>
/// A YAML configuration file is outside the block-style YAML this editor keeps byte for byte, or an edit names
/// something the file does not have. The position lets an operator open the file at the right place.
/// </summary>
public sealed class YamlTextException : Exception
{
    internal YamlTextException(string sourceName, int line, int column, string what)
        : base($"{sourceName}:{line}:{column}: {what}")
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
    }

    public string SourceName { get; }

    /// <summary>1-based line of the offending construct.</summary>
    public int Line { get; }

    /// <summary>1-based column of the offending construct.</summary>
    public int Column { get; }
}
