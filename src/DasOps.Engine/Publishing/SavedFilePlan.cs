using System.Runtime.Serialization;

namespace DasOps.Engine.Publishing;

/// <summary>One file of a saved plan: where, and the hashes before and after. Never its contents.</summary>
[DataContract]
public sealed class SavedFilePlan
{
    [DataMember(Name = "path", Order = 1)]
    public string Path { get; set; } = "";

    /// <summary>sha256 on the node when the plan was made; null when the file did not exist.</summary>
    [DataMember(Name = "currentHash", Order = 2)]
    public string? CurrentHash { get; set; }

    /// <summary>sha256 the plan gives the file; null when the plan removes it.</summary>
    [DataMember(Name = "desiredHash", Order = 3)]
    public string? DesiredHash { get; set; }

    /// <summary>The plan writes this file (its bytes differ, or a secret file's mode is too open).</summary>
    [DataMember(Name = "write", Order = 4)]
    public bool Write { get; set; }
}
