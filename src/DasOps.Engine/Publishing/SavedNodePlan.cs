using System.Collections.Generic;
using System.Runtime.Serialization;

namespace DasOps.Engine.Publishing;

/// <summary>One node of a saved plan.</summary>
[DataContract]
public sealed class SavedNodePlan
{
    [DataMember(Name = "node", Order = 1)]
    public string Node { get; set; } = "";

    [DataMember(Name = "home", Order = 2)]
    public string Home { get; set; } = "";

    /// <summary>The Spark link change the plan makes ("LINK -> HOME (missing)"), or null.</summary>
    [DataMember(Name = "link", Order = 3, EmitDefaultValue = false)]
    public string? Link { get; set; }

    [DataMember(Name = "files", Order = 4)]
    public List<SavedFilePlan> Files { get; set; } = new List<SavedFilePlan>();
}
