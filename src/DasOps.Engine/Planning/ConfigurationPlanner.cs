using System;
using System.Collections.Generic;
using System.Linq;
using DasOps.Engine.Config;
using DasOps.Engine.Config.Text;
using DasOps.Engine.Planning.Library;
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

    public static NodePlan PlanNode(ClusterSpec spec, NodeSpec node, ClusterSecrets secrets, Func<string, CurrentFile> current, LibraryJars jars)
    {
        var context = new RenderContext(spec, node, secrets);
        var files = new List<FilePlan>();
        foreach (var edit in context.Product.Edits.Where(e => e.AppliesTo(context)))
        {
            files.Add(PlanText(context, edit, current(edit.Path)));
        }
        foreach (var copy in jars.Copied)
        {
            files.Add(PlanBinary(node.Name, copy.Path, current(copy.Path), copy.Bytes, Modes.Plain));
        }
        if (jars.ConvertsPlainJars && current(BundleRecord.Path) is var record && (jars.Converted.Count > 0 || record.Exists))
        {
            var made = BundleRecord.Parse(record.Content);
            foreach (var jar in jars.Converted) files.Add(PlanBundle(node.Name, jars.BundlePathOf(jar), current(jars.BundlePathOf(jar)), jar, made));
            foreach (var name in jars.NoLongerNamed(made))
            {
                if (PlanRemovedBundle(node.Name, current(jars.BundlePathOf(name)), made[name]) is { } removal) files.Add(removal);
            }
            files.Add(PlanBundleRecord(node.Name, record, files));
        }
        return new NodePlan(node.Name, spec.HomeOf(node), files);
    }

    /// <summary>
    /// A bundle DasOps made for a jar the spec no longer names goes, or the product would load two versions of one
    /// library. Only while it holds the very bytes DasOps made: one changed since is someone else's now, and stays (it
    /// also leaves the record, so it is not looked at again).
    /// </summary>
    private static FilePlan? PlanRemovedBundle(string node, CurrentFile current, (string JarHash, string BundleHash, string JarName) made)
    {
        if (!current.Exists || current.Hash != made.BundleHash) return null;
        var diff = $"OSGi bundle {current.Path} (made by bin/jartobundle.sh from {made.JarName}, which the spec no longer names): removed\n";
        return FilePlan.Removal(node, current.Path, current.Hash!, diff);
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

    /// <summary>The plan with its bundles' record made anew from its bundle files: after the node made them, their hashes are known.</summary>
    public static NodePlan WithBundleRecord(NodePlan plan, CurrentFile record) =>
        new NodePlan(plan.Node, plan.Home, plan.Files.Select(f => f.Path == BundleRecord.Path ? PlanBundleRecord(plan.Node, record, plan.Files) : f).ToList());

    private static FilePlan PlanBundleRecord(string node, CurrentFile record, IEnumerable<FilePlan> files) =>
        PlanBinary(node, BundleRecord.Path, record,
            BundleRecord.Bytes(files.Where(f => f.ConvertFrom != null).Select(f => (f.ConvertFrom!, f.AwaitsConversion ? BundleRecord.Pending : f.DesiredHash!))),
            Modes.Plain, text: true);

    private static FilePlan PlanBinary(string node, string path, CurrentFile current, byte[] desired, int mode, bool text = false)
    {
        var hash = Hashing.Sha256(desired);
        var change = !current.Exists ? FileChange.Created : current.Hash == hash ? FileChange.Unchanged : FileChange.Modified;
        // UnifiedDiff labels an absent old text /dev/null itself.
        var diff = change == FileChange.Unchanged ? ""
            : text ? UnifiedDiff.Create(current.Content == null ? null : System.Text.Encoding.UTF8.GetString(current.Content),
                System.Text.Encoding.UTF8.GetString(desired), $"a/{node}/{path}", $"b/{node}/{path}")
            : $"Binary file {path}: {current.Hash ?? "absent"} -> {hash}\n";
        return new FilePlan(node, path, change, current.Hash, hash, diff, mode, desired);
    }

    /// <summary>
    /// A bundle the node makes from a jar: up to date when it is in lib with the bytes the record names, made from this very jar.
    /// Otherwise the plan says what will run; its bytes exist only once the node has converted the jar (at apply).
    /// </summary>
    private static FilePlan PlanBundle(string node, string path, CurrentFile current, JarToConvert jar,
        IReadOnlyDictionary<string, (string JarHash, string BundleHash, string JarName)> made)
    {
        var known = made.TryGetValue(jar.BundleFileName, out var entry);
        if (current.Exists && known && entry.JarHash == jar.Sha256 && entry.BundleHash == current.Hash)
            return new FilePlan(node, path, FileChange.Unchanged, current.Hash, current.Hash!, "", Modes.Plain, Array.Empty<byte>(), jar);
        var why = !current.Exists ? "absent" : !known ? "not made by DasOps" : entry.JarHash != jar.Sha256 ? "made from another jar" : "changed since DasOps made it";
        var diff = $"OSGi bundle {path} ({why}): bin/jartobundle.sh will make it from the {jar.Purpose} jar {jar.FileName} (sha256 {jar.Sha256})\n";
        return new FilePlan(node, path, current.Exists ? FileChange.Modified : FileChange.Created, current.Hash, jar.PendingHash, diff, Modes.Plain, Array.Empty<byte>(), jar);
    }
}
