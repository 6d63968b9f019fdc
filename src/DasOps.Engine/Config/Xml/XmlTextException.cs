using System;

namespace DasOps.Engine.Config.Xml;

/// <summary>
/// A configuration file is not well-formed XML. The position lets an operator open the file at the right place.
/// </summary>
public sealed class XmlTextException : Exception
{
    internal XmlTextException(string sourceName, int line, int column, string what)
        : base($"{sourceName}:{line}:{column}: {what}")
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
    }

    /// <summary>The name given to <see cref="XmlTextDocument.Parse"/>, usually the file path.</summary>
    public string SourceName { get; }

    /// <summary>1-based line of the offending construct.</summary>
    public int Line { get; }

    /// <summary>1-based column (in characters) of the offending construct.</summary>
    public int Column { get; }
}
