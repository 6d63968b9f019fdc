using DasOps.Engine.Config;

namespace DasOps.Engine.Products.Das;

/// <summary>The DAS edits' way to their topology: a render context for a DAS node always carries the DAS product.</summary>
internal static class DasRenderContext
{
    public static DasTopology Das(this RenderContext context) => ((DasProduct)context.Product).Topology;
}
