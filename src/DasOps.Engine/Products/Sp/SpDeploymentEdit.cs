using DasOps.Engine.Config;

namespace DasOps.Engine.Products.Sp;

/// <summary>
/// One runtime's conf/&lt;runtime&gt;/deployment.yaml as a managed file: the node's settings from the spec, rendered by
/// <see cref="SpDeploymentYaml"/> (every other line kept byte for byte). It holds the database password, so it is 0600.
/// </summary>
internal sealed class SpDeploymentEdit : IConfigEdit
{
    private readonly string _runtime;

    public SpDeploymentEdit(string runtime)
    {
        _runtime = runtime;
        Path = $"conf/{runtime}/deployment.yaml";
    }

    public string Path { get; }

    public bool AppliesTo(RenderContext context) => Topology(context).RuntimeOf(context.Node) == _runtime;

    public bool HoldsSecrets(RenderContext context) => true;

    public string Apply(string text, RenderContext context) =>
        SpDeploymentYaml.Render(text, Topology(context).SettingsOf(context.Node, context.DatabasePassword), Path);

    private static SpTopology Topology(RenderContext context) => ((SpProduct)context.Product).Topology;
}
