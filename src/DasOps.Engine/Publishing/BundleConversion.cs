using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Planning;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Publishing;

/// <summary>
/// The jar-to-bundle step of a node: its java is checked while the node is read (so a node that cannot convert is
/// refused before anything on it changes), and at apply the product's own converter makes the bundles in a private
/// directory and sends them back. They then go into lib like any other file: staged, backed up, switched.
/// </summary>
internal static class BundleConversion
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(60);

    public static async Task CheckJavaAsync(IRemoteShell shell, ClusterSpec spec, NodeSpec node, string tool, CancellationToken cancellationToken)
    {
        var args = new[] { spec.HomeOf(node), spec.JavaHomeOf(node) ?? "", tool, spec.RunAsOf(node) ?? "" };
        var result = await shell.RunAsync(RemoteCommand.Script(BundleScripts.CheckJava, args, null, CheckTimeout, "check java for " + tool), cancellationToken)
            .ConfigureAwait(false);
        if (result.Succeeded && result.Output.StartsWith("JAVA ", StringComparison.Ordinal)) return;
        throw Failure(node.Name, "checking the java " + tool + " needs", result);
    }

    /// <summary>The plan with every awaited bundle's bytes, as the node's converter made them.</summary>
    public static async Task<NodePlan> ConvertAsync(IRemoteShell shell, ClusterSpec spec, NodeSpec node, string tool, NodePlan plan,
        CancellationToken cancellationToken)
    {
        var jars = plan.Files.Where(f => f.AwaitsConversion).Select(f => f.ConvertFrom!).ToList();
        if (jars.Count == 0) return plan;
        var fields = jars.SelectMany(j => new[] { j.FileName, j.Sha256, j.BundleFileName });
        var tar = UstarWriter.Create(jars.Select(j => new KeyValuePair<string, byte[]>(j.FileName, (byte[])j.Bytes.Clone())), DateTime.UtcNow);
        var input = NodeWriter.StdinFields(fields, tar);
        var args = new[] { spec.HomeOf(node), spec.JavaHomeOf(node) ?? "", tool, spec.RunAsOf(node) ?? "" };
        // A JVM starts in seconds; megabytes of jars travel both ways.
        var timeout = TimeSpan.FromSeconds(180 + input.Length / (128 * 1024));
        var result = await shell.RunAsync(RemoteCommand.Script(BundleScripts.Convert, args, input, timeout, "convert jars with " + tool), cancellationToken)
            .ConfigureAwait(false);
        if (!result.Succeeded || !EndsWithConverted(result.StandardOutput)) throw Failure(node.Name, "converting jars with " + tool, result);
        var bundles = ParseBundles(node.Name, result.StandardOutput);
        return new NodePlan(plan.Node, plan.Home, plan.Files.Select(f =>
        {
            if (!f.AwaitsConversion) return f;
            if (!bundles.TryGetValue(f.ConvertFrom!.BundleFileName, out var bundle))
                throw new NodeOperationException(node.Name, NodeFailure.CommandFailed, $"{tool} sent no {f.ConvertFrom.BundleFileName}", f.Path);
            return f.WithConverted(bundle);
        }).ToList());
    }

    private static NodeOperationException Failure(string node, string step, CommandResult result) =>
        result.ExitCode == 6 && !result.Unreachable && !result.TimedOut
            ? new NodeOperationException(node, NodeFailure.JavaUnavailable, result.StandardError.Trim() + "; nothing was changed on this node")
            : NodeOperationException.FromResult(node, step, result);

    private static bool EndsWithConverted(byte[] output)
    {
        var tail = Encoding.ASCII.GetBytes("CONVERTED\n");
        return output.Length >= tail.Length && output.Skip(output.Length - tail.Length).SequenceEqual(tail);
    }

    /// <summary>"B size sha256 name\n", size bytes, "\n", per bundle, then "CONVERTED\n"; each checked against its hash.</summary>
    internal static IReadOnlyDictionary<string, byte[]> ParseBundles(string node, byte[] output)
    {
        var bundles = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var at = 0;
        while (at < output.Length)
        {
            var newline = Array.IndexOf(output, (byte)'\n', at);
            if (newline < 0) break;
            var header = Encoding.UTF8.GetString(output, at, newline - at);
            at = newline + 1;
            if (header == "CONVERTED") return bundles;
            var parts = header.Split(' ');
            if (parts.Length != 4 || parts[0] != "B" || !int.TryParse(parts[1], out var size) || size < 0 || at + size + 1 > output.Length)
                throw new NodeOperationException(node, NodeFailure.CommandFailed, $"the converter's answer is malformed near '{Trim(header)}'");
            var bytes = new byte[size];
            Buffer.BlockCopy(output, at, bytes, 0, size);
            at += size + 1;
            if (Hashing.Sha256(bytes) != parts[2])
                throw new NodeOperationException(node, NodeFailure.CommandFailed, $"bundle {parts[3]} arrived damaged (its sha256 does not match the node's)");
            bundles[parts[3]] = bytes;
        }
        throw new NodeOperationException(node, NodeFailure.CommandFailed, "the converter's answer ended early");
    }

    private static string Trim(string text) => text.Length <= 80 ? text : text.Substring(0, 80) + "...";
}
