namespace DasOps.Engine.Spec;

/// <summary>Where a value came from in a spec file, so errors can name file:line:column.</summary>
public readonly struct SpecLocation
{
    public SpecLocation(string file, int line, int column)
    {
        File = file;
        Line = line;
        Column = column;
    }

    public string File { get; }
    public int Line { get; }
    public int Column { get; }

    public bool IsKnown => Line > 0;

    public override string ToString() => IsKnown ? $"{File}:{Line}:{Column}" : File ?? "<spec>";
}
