using System;
using System.Collections.Generic;
using System.Linq;

namespace DasOps.Engine.Remote;

/// <summary>
/// A command for a node, as an argument vector. Implementations quote every argument for the remote shell, so a
/// user value never becomes shell syntax; pass values as positional parameters of a fixed script
/// (<see cref="Script"/>) instead of pasting them into it. Secrets travel only in <see cref="StandardInput"/>.
/// </summary>
public sealed class RemoteCommand
{
    public RemoteCommand(IReadOnlyList<string> arguments, byte[]? standardInput = null, TimeSpan? timeout = null, string? description = null)
    {
        if (arguments.Count == 0) throw new ArgumentException("a command needs at least the program name.", nameof(arguments));
        Arguments = arguments;
        StandardInput = standardInput;
        Timeout = timeout;
        Description = description ?? arguments[0];
    }

    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Bytes written to the command's stdin, then closed. Null closes stdin at once.</summary>
    public byte[]? StandardInput { get; }

    /// <summary>Deadline for the whole command; the process tree is killed when it passes.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>What the command does, for progress and errors (never contains a secret).</summary>
    public string Description { get; }

    /// <summary>
    /// `sh -c SCRIPT sh ARG1 ARG2 ...`: the script is a constant written by DasOps; values reach it as "$1", "$2" ...
    /// </summary>
    public static RemoteCommand Script(string script, IEnumerable<string>? args = null, byte[]? standardInput = null,
        TimeSpan? timeout = null, string? description = null) =>
        new RemoteCommand(new[] { "sh", "-c", script, "sh" }.Concat(args ?? Enumerable.Empty<string>()).ToList(), standardInput, timeout, description);
}
