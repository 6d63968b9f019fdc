namespace DasOps.Engine.Config;

/// <summary>
/// One managed file of a node: which file, whether this node gets it, and the pure function that turns the
/// node's current text into the desired text. Applying it to its own output must return the same text.
/// </summary>
public interface IConfigEdit
{
    /// <summary>Path relative to the product home, with '/' separators.</summary>
    string Path { get; }

    bool AppliesTo(RenderContext context);

    /// <summary>True when the written file holds a password; such files are written 0600.</summary>
    bool HoldsSecrets(RenderContext context);

    string Apply(string text, RenderContext context);
}
