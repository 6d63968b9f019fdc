namespace DasOps.Engine.Publishing;

/// <summary>Why a node failed, so callers (and schedulers) can tell a dead host from a refused change.</summary>
public enum NodeFailure
{
    None,

    /// <summary>ssh could not reach the node or lost it mid-run (exit 255).</summary>
    Unreachable,

    /// <summary>ssh refused the node's host key (unknown or changed); the error names the fingerprint.</summary>
    HostKeyRejected,

    /// <summary>The node refused the login: the key and the password (when given) were not accepted.</summary>
    AuthenticationFailed,

    /// <summary>Another DasOps run holds the node's lock; the error names the holder and since when.</summary>
    Locked,

    /// <summary>DasOps refused a change: a real directory where the Spark link goes, a saved plan that no longer matches, a file changed mid-run.</summary>
    Refused,

    /// <summary>A managed file is missing or cannot be edited as the spec asks (the error names file and line).</summary>
    Configuration,

    /// <summary>The node has no usable java for a tool the change needs (bin/jartobundle.sh wants JDK 1.8); nothing was changed.</summary>
    JavaUnavailable,

    /// <summary>A command on the node failed (the error quotes it).</summary>
    CommandFailed,

    /// <summary>The run was cancelled before the node finished.</summary>
    Cancelled,
}
