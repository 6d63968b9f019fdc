using System.Linq;
using DasOps.Engine.Spec;
using DasOps.Internal;

namespace DasOps;

/// <summary>
/// A cluster spec in memory, as Import-DasCluster and New-DasCluster return it. Cmdlets such as
/// Set-DasNodeProfile change it in place; Export-DasCluster writes it. Properties always show the current spec.
/// </summary>
public sealed class DasCluster
{
    internal DasCluster(ClusterSpec spec, string? path)
    {
        Spec = spec;
        Path = path;
    }

    /// <summary>The engine's spec; shared by every cmdlet that receives this object.</summary>
    internal ClusterSpec Spec { get; }

    public string Name => Spec.Name;

    public DasProduct Product => EnumMap.ToModule<DasProduct>(Spec.Product);

    public DasPattern Pattern => EnumMap.ToModule<DasPattern>(Spec.Pattern);

    /// <summary>The file the spec was read from or last written to; null for a spec only in memory.</summary>
    public string? Path { get; internal set; }

    public DasNodeInfo[] Nodes => Spec.Nodes.Select(n => new DasNodeInfo(this, n)).ToArray();

    public override string ToString() => Name;
}
