using System;
using System.Collections.Generic;
using System.Linq;
using DasOps.Engine.Config;
using DasOps.Engine.Config.Text;
using DasOps.Engine.Products;
using DasOps.Engine.Secrets;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Planning;

/// <summary>
/// Desired state versus what a node has: for every managed file, the edited text, whether it changes, hashes and a
/// masked diff. Pure: reading and writing nodes is the caller's job, so render, plan and apply share this. Which files
/// and edits exist is the product's (<see cref="IProduct.Edits"/>); this only applies them.
/// </summary>
public static class ConfigurationPlanner
{
    public static IReadOnlyList<IConfigEdit> EditsFor(ClusterSpec spec, NodeSpec node, ClusterSecrets secrets)
    {
        var context = new RenderContext(spec, node, secrets);
        return context.Product.Edits.Where(e => e.AppliesTo(context)).ToList();
    }

    /// <summary>Text files to read from a node before planning it.</summary>
    public static IReadOnlyList<string> TextPathsOf(ClusterSpec spec, NodeSpec node) =>
        EditsFor(spec, node, new ClusterSecrets()).Select(e => e.Path).ToList();

    /// <summary>The files of a node that hold passwords: written 0600, and their hashes are shown keyed.</summary>
    public static ISet<string> SecretPathsOf(ClusterSpec spec, NodeSpec node)
    {
        var context = new RenderContext(spec, node, new ClusterSecrets());
        return new HashSet<string>(context.Product.Edits.Where(e => e.AppliesTo(context) && e.HoldsSecrets(context)).Select(e => e.Path), StringComparer.Ordinal);
    }

    /// <summary>Where the JDBC driver jar goes on the node, when the spec names one.</summary>
    public static string? DriverPathOf(ClusterSpec spec) =>
        spec.JdbcDriver == null ? null : ProductCatalog.For(spec).LibDirectory + "/" + System.IO.Path.GetFileName(spec.JdbcDriver);

    public static NodePlan PlanNode(ClusterSpec spec, NodeSpec node, ClusterSecrets secrets, Func<string, CurrentFile> current, byte[]? driverJar)
    {
        var context = new RenderContext(spec, node, secrets);
        var files = new List<FilePlan>();
        foreach (var edit in context.Product.Edits.Where(e => e.AppliesTo(context)))
        {
            files.Add(PlanText(context, edit, current(edit.Path)));
        }
        if (DriverPathOf(spec) is { } driverPath && driverJar != null)
        {
            files.Add(PlanBinary(node.Name, driverPath, current(driverPath), driverJar, Modes.Plain));
        }
        return new NodePlan(node.Name, spec.HomeOf(node), files);
    }

    private static FilePlan PlanText(RenderContext context, IConfigEdit edit, CurrentFile current)
    {
        var node = context.Node.Name;
        if (current.Content == null)
            throw new ConfigEditException(edit.Path, 0, 0,
                $"not found in the product home {context.Spec.HomeOf(context.Node)}; is this a {context.Product.DisplayName} home?", node: node);
        try
        {
            var content = TextContent.Decode(current.Content, edit.Path);
            var desiredText = edit.Apply(content.Text, context);
            // A second application must change nothing; if it would, the edit is not safe to run twice.
            if (edit.Apply(desiredText, context) != desiredText)
                throw new ConfigEditException(edit.Path, 0, 0, "editing the edited file changed it again (a DasOps bug); nothing was written.");
            var desired = content.Encode(desiredText);
            var desiredHash = Hashing.Sha256(desired);
            var changed = desiredHash != current.Hash;
            var diff = changed ? MaskedDiff(edit.Path, content.Text, desiredText, $"a/{node}/{edit.Path}", $"b/{node}/{edit.Path}", context.Secrets.Values) : "";
            var mode = edit.HoldsSecrets(context) ? Modes.Secret : edit.Path.EndsWith(".sh", StringComparison.Ordinal) ? Modes.Script : Modes.Plain;
            return new FilePlan(node, edit.Path, changed ? FileChange.Modified : FileChange.Unchanged, current.Hash, desiredHash, diff, mode, desired);
        }
        catch (ConfigEditException e) when (e.Node == null)
        {
            throw e.ForNode(node);
        }
        catch (FormatException e)
        {
            throw new ConfigEditException(edit.Path, 0, 0, e.Message, e, node);
        }
    }

    /// <summary>
    /// The diff as shown: both sides masked by structure first (old secrets included), then by value. When only secret
    /// values differ the masked sides are equal, and the diff says so instead of showing nothing.
    /// </summary>
    internal static string MaskedDiff(string path, string current, string desired, string currentLabel, string desiredLabel, IEnumerable<string> secrets)
    {
        var before = StructuralMasker.Apply(path, current);
        var after = StructuralMasker.Apply(path, desired);
        if (before == after) return $"--- {currentLabel}\n+++ {desiredLabel}\n# only secret values differ ({SecretMasker.Mask})\n";
        return SecretMasker.Apply(UnifiedDiff.Create(before, after, currentLabel, desiredLabel), secrets, SecretMasker.MinimumLength);
    }

    private static FilePlan PlanBinary(string node, string path, CurrentFile current, byte[] desired, int mode)
    {
        var hash = Hashing.Sha256(desired);
        var change = !current.Exists ? FileChange.Created : current.Hash == hash ? FileChange.Unchanged : FileChange.Modified;
        var diff = change == FileChange.Unchanged ? "" : $"Binary file {path}: {current.Hash ?? "absent"} -> {hash}\n";
        return new FilePlan(node, path, change, current.Hash, hash, diff, mode, desired);
    }
}
