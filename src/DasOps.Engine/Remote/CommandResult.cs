using System.Text;

namespace DasOps.Engine.Remote;

/// <summary>What a command returned. Exit 255 from ssh means the node could not be reached (lab-notes §8.7).</summary>
public sealed class CommandResult
{
    public CommandResult(int exitCode, byte[] standardOutput, string standardError, bool unreachable = false, bool timedOut = false,
        bool hostKeyRejected = false, bool authenticationFailed = false)
    {
        AuthenticationFailed = authenticationFailed;
        ExitCode = exitCode;
        StandardOutput = standardOutput;
        StandardError = standardError;
        Unreachable = unreachable || hostKeyRejected || authenticationFailed;
        TimedOut = timedOut;
        HostKeyRejected = hostKeyRejected;
    }

    public int ExitCode { get; }
    public byte[] StandardOutput { get; }
    public string StandardError { get; }

    /// <summary>The transport failed (connection refused, timeout, host key refused); the command may not have run.</summary>
    public bool Unreachable { get; }

    public bool TimedOut { get; }

    /// <summary>ssh refused the node's host key (unknown or changed); <see cref="StandardError"/> names the key's fingerprint.</summary>
    public bool HostKeyRejected { get; }

    /// <summary>The node was reached but refused the keys and the password; <see cref="StandardError"/> says which were offered.</summary>
    public bool AuthenticationFailed { get; }

    public bool Succeeded => ExitCode == 0 && !Unreachable && !TimedOut;

    public string Output => Encoding.UTF8.GetString(StandardOutput);
}
