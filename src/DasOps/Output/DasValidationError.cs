using DasOps.Engine.Spec;

namespace DasOps;

/// <summary>One problem in a cluster spec, at file:line:column, as Test-DasCluster returns it.</summary>
public sealed class DasValidationError
{
    internal DasValidationError(SpecError error)
    {
        File = error.Location.File;
        Line = error.Location.Line;
        Column = error.Location.Column;
        Code = error.Code;
        Message = error.Message;
    }

    public string File { get; }

    /// <summary>1-based; 0 when the problem has no place in a file (a spec built in memory).</summary>
    public int Line { get; }

    public int Column { get; }

    /// <summary>A stable code such as UnknownKey or InvalidDatabaseName.</summary>
    public string Code { get; }

    public string Message { get; }

    public override string ToString() =>
        (Line > 0 ? $"{File}:{Line}:{Column}" : File) + $": error {Code}: {Message}";
}
