using System;

namespace DasOps.Engine.Config;

/// <summary>A file could not be edited as the spec asks; the message names the node, the file and the line.</summary>
public sealed class ConfigEditException : Exception
{
    public ConfigEditException(string file, int line, int column, string detail, Exception? inner = null, string? node = null)
        : base(detail, inner)
    {
        File = file;
        Line = line;
        Column = column;
        Detail = detail;
        Node = node;
    }

    public string File { get; }
    public int Line { get; }
    public int Column { get; }
    public string Detail { get; }
    public string? Node { get; }

    public override string Message =>
        (Node != null ? $"node {Node}: " : "") + (Line > 0 ? $"{File}:{Line}:{Column}: " : $"{File}: ") + Detail;

    internal ConfigEditException ForNode(string node) => new ConfigEditException(File, Line, Column, Detail, InnerException, node);
}
