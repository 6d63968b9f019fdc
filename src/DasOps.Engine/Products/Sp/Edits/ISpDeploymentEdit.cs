using DasOps.Engine.Config.Yaml;

namespace DasOps.Engine.Products.Sp.Edits;

/// <summary>One concern of an SP node's deployment.yaml, applied in place to the lossless document.</summary>
public interface ISpDeploymentEdit
{
    /// <summary>Whether this node's role needs the edit.</summary>
    bool AppliesTo(SpNodeSettings settings);

    /// <summary>Writes the edit; writing what is already there changes nothing.</summary>
    void Apply(YamlTextDocument document, SpNodeSettings settings, string sourceName);
}
