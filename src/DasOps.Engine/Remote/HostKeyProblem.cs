namespace DasOps.Engine.Remote;

/// <summary>Why ssh refused a host's key.</summary>
public enum HostKeyProblem
{
    None,

    /// <summary>The host is not in known_hosts (and new keys are not trusted).</summary>
    Unknown,

    /// <summary>known_hosts holds a different key for the host; never accepted.</summary>
    Changed,
}
