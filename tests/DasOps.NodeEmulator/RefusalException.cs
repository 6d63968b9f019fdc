namespace DasOps.NodeEmulator;

/// <summary>
/// Configuration a real node would choke on. The node logs <see cref="Exception.Message"/> at ERROR under
/// <see cref="Logger"/> (plus the throwable text), exits non-zero and leaves no listening ports.
/// </summary>
internal sealed class RefusalException(string logger, string message, string? throwable = null) : Exception(message)
{
    public string Logger { get; } = logger;

    public string? Throwable { get; } = throwable;
}
