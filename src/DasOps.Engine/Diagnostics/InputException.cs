using System;

namespace DasOps.Engine.Diagnostics;

/// <summary>
/// What is wrong with what the user gave: the one list both front ends map, the module to an error id and category,
/// the CLI to exit code 2. Found before an operation starts, nothing was changed; found for one node mid-operation (a
/// secret a node's files need), that node changes nothing and the others go on.
/// </summary>
public enum InputErrorKind
{
    /// <summary>A parameter or option value that cannot be used (a malformed backup id, a node string, a parallelism of 0).</summary>
    ParameterInvalid,

    /// <summary>A node name the cluster does not have.</summary>
    NodeNotFound,

    /// <summary>A secret the operation needs is neither given nor in its environment variable.</summary>
    SecretMissing,

    /// <summary>A file the user named (ssh config, known_hosts, JDBC driver) does not exist.</summary>
    FileNotFound,

    /// <summary>A saved plan that cannot be read, is not a plan, or no longer matches the spec.</summary>
    PlanInvalid,
}

/// <summary>
/// Bad input, found before any node is touched, in the way of PSResourceGet's PSGetException: one exception type with
/// a kind, so no front end reads "bad input" from ArgumentException or IOException.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(InputErrorKind kind, string message, string? target = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Target = target;
    }

    public InputErrorKind Kind { get; }

    /// <summary>What the input named: the node, the file or the parameter; null when the message says it all.</summary>
    public string? Target { get; }
}
