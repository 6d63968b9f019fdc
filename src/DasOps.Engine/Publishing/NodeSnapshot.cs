using System.Collections.Generic;

namespace DasOps.Engine.Publishing;

/// <summary>What the Spark link path holds on the node.</summary>
internal enum LinkState
{
    NotManaged,
    Missing,
    Link,
    NotALink,
}

/// <summary>Everything read from one node in one round trip: the managed files, the home's owner and the Spark link.</summary>
internal sealed class NodeSnapshot
{
    public NodeSnapshot(string homeOwner, LinkState link, string? linkTarget, IReadOnlyDictionary<string, LiveFile> files)
    {
        HomeOwner = homeOwner;
        Link = link;
        LinkTarget = linkTarget;
        Files = files;
    }

    public string HomeOwner { get; }
    public LinkState Link { get; }
    public string? LinkTarget { get; }
    public IReadOnlyDictionary<string, LiveFile> Files { get; }
}
