namespace DasOps.Engine.Publishing;

/// <summary>How a node came out of plan, apply or restore.</summary>
public enum PublishStatus
{
    /// <summary>The node already matched; nothing was written.</summary>
    Unchanged,

    /// <summary>Files were written (or the Spark link set).</summary>
    Changed,

    /// <summary>The node could not be read, planned or written; <see cref="NodePublishResult.Error"/> says why. Its files are all old or all new.</summary>
    Failed,

    /// <summary>Not written although it differs: plan only, -WhatIf / --what-if, or a saved plan that no longer matches another node.</summary>
    Skipped,
}
