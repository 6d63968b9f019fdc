using System.Collections.Generic;
using System.Linq;

namespace DasOps.Engine.Spec;

/// <summary>One problem found in a spec, located at file:line:column, with a stable code.</summary>
public sealed class SpecError
{
    public SpecError(SpecLocation location, string code, string message)
    {
        Location = location;
        Code = code;
        Message = message;
    }

    public SpecLocation Location { get; }
    public string Code { get; }
    public string Message { get; }

    public override string ToString() => $"{Location}: error {Code}: {Message}";
}

/// <summary>Thrown when a spec cannot be used; carries every error found, not just the first.</summary>
public sealed class SpecException : System.Exception
{
    public SpecException(IReadOnlyList<SpecError> errors)
        : base(string.Join(System.Environment.NewLine, errors.Select(e => e.ToString())))
    {
        Errors = errors;
    }

    public IReadOnlyList<SpecError> Errors { get; }
}
