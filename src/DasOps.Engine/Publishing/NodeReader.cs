using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Planning;
using DasOps.Engine.Planning.Library;
using DasOps.Engine.Products;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Publishing;

/// <summary>
/// Reads every managed file of a node (bytes and sha256), the hashes of the jars and bundles in its lib, and the Spark
/// link, in one round trip; a second one only when the bundles' record names bundles the spec no longer gives.
/// </summary>
internal static class NodeReader
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static async Task<NodeSnapshot> ReadAsync(IRemoteShell shell, ClusterSpec spec, NodeSpec node, LibraryJars jars, CancellationToken cancellationToken)
    {
        var items = ConfigurationPlanner.TextPathsOf(spec, node).Select(p => "C:" + p).ToList();
        // Jars and bundles by hash only (megabytes each); the bundles' record whole, it is a few lines.
        items.AddRange(jars.ManagedPaths.Select(p => (p == BundleRecord.Path ? "C:" : "H:") + p));
        var snapshot = await ReadItemsAsync(shell, spec, node, items, cancellationToken).ConfigureAwait(false);
        if (!jars.ConvertsPlainJars || !snapshot.Files.TryGetValue(BundleRecord.Path, out var record) || record.Content == null) return snapshot;

        // Bundles made for jars the spec no longer names are known only from the record: a second round trip reads
        // their hashes, and only when there are any.
        var stale = jars.NoLongerNamed(BundleRecord.Parse(record.Content)).Select(jars.BundlePathOf).Where(p => !snapshot.Files.ContainsKey(p)).ToList();
        if (stale.Count == 0) return snapshot;
        var more = await ReadItemsAsync(shell, spec, node, stale.Select(p => "H:" + p).ToList(), cancellationToken).ConfigureAwait(false);
        var files = snapshot.Files.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        // Only a regular file can still be what DasOps made; a link or directory there now is someone else's, left
        // alone (and out of the record), rather than a refusal that would fail the node over a file it does not write.
        foreach (var file in more.Files.Where(f => f.Value.Kind == LiveFileKind.Regular)) files[file.Key] = file.Value;
        return new NodeSnapshot(snapshot.HomeOwner, snapshot.Link, snapshot.LinkTarget, files);
    }

    private static async Task<NodeSnapshot> ReadItemsAsync(IRemoteShell shell, ClusterSpec spec, NodeSpec node, IReadOnlyList<string> items,
        CancellationToken cancellationToken)
    {
        var args = new[] { spec.HomeOf(node), ManagedLinkOf(spec, node) ?? "" }.Concat(items).ToList();
        var result = await shell.RunAsync(RemoteCommand.Script(RemoteScripts.Read, args, timeout: Timeout, description: "read managed files"), cancellationToken)
            .ConfigureAwait(false);
        if (!result.Succeeded) throw NodeOperationException.FromResult(node.Name, "reading the managed files", result);
        try
        {
            return SnapshotParser.Parse(result.StandardOutput);
        }
        catch (FormatException e)
        {
            throw new NodeOperationException(node.Name, NodeFailure.CommandFailed, e.Message);
        }
    }

    /// <summary>The link DasOps keeps on this node pointing at its home (the product's, e.g. DAS's Spark link), or null.</summary>
    public static string? ManagedLinkOf(ClusterSpec spec, NodeSpec node) => ProductCatalog.For(spec).ManagedLinkOf(node);

    /// <summary>The planner's view of a live file; links and non-files are refused before planning.</summary>
    public static CurrentFile CurrentOf(string nodeName, NodeSnapshot snapshot, string path)
    {
        if (!snapshot.Files.TryGetValue(path, out var file) || file.Kind == LiveFileKind.Missing) return CurrentFile.Missing(path);
        if (file.Kind == LiveFileKind.SymbolicLink)
            throw new NodeOperationException(nodeName, NodeFailure.Refused, "is a symbolic link; DasOps writes only regular files and will not replace a link", path);
        if (file.Kind == LiveFileKind.NotRegular)
            throw new NodeOperationException(nodeName, NodeFailure.Refused, "exists but is not a regular file", path);
        return file.Content != null ? CurrentFile.WithContent(path, file.Content) : CurrentFile.WithHash(path, file.Hash!);
    }
}
