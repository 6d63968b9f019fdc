using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;
using DasOps.Engine.Planning;
using DasOps.Engine.Secrets;
using DasOps.Engine.Spec;
using DasOps.Engine.Diagnostics;

namespace DasOps.Engine.Publishing;

/// <summary>
/// A plan saved by `dasops plan --out FILE` for `dasops apply --plan FILE`: the spec's fingerprint and, per node and
/// file, the hash found and the hash to write. No contents and no secrets, so it may be reviewed and stored; it is
/// still written 0600 because hashes of secret-bearing files are nobody else's business.
/// </summary>
[DataContract]
public sealed class SavedPlan
{
    public const int CurrentFormat = 1;

    [DataMember(Name = "format", Order = 1)]
    public int Format { get; set; } = CurrentFormat;

    /// <summary>sha256 of the spec in its canonical YAML form (comments and layout do not count; every value does).</summary>
    [DataMember(Name = "specSha256", Order = 2)]
    public string SpecSha256 { get; set; } = "";

    [DataMember(Name = "cluster", Order = 3)]
    public string Cluster { get; set; } = "";

    [DataMember(Name = "createdUtc", Order = 4)]
    public string CreatedUtc { get; set; } = "";

    [DataMember(Name = "nodes", Order = 5)]
    public List<SavedNodePlan> Nodes { get; set; } = new List<SavedNodePlan>();

    public static string FingerprintOf(ClusterSpec spec) => Hashing.Sha256(new UTF8Encoding(false).GetBytes(SpecWriter.ToYaml(spec)));

    /// <summary>The saved form of a `plan` run; every node must have been planned.</summary>
    public static SavedPlan From(ClusterSpec spec, IEnumerable<NodePublishResult> results)
    {
        var plan = new SavedPlan { SpecSha256 = FingerprintOf(spec), Cluster = spec.Name, CreatedUtc = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") };
        foreach (var result in results)
        {
            if (result.Plan == null || result.Status == PublishStatus.Failed)
                throw new InvalidOperationException($"node {result.Node} was not planned ({result.Error}); a saved plan must cover every node it names.");
            plan.Nodes.Add(new SavedNodePlan
            {
                Node = result.Node,
                Home = result.Plan.Home,
                Link = result.LinkChange,
                Files = result.Files.Select(f => new SavedFilePlan { Path = f.Path, CurrentHash = f.CurrentHash, DesiredHash = f.DesiredHash, Write = f.NeedsWrite }).ToList(),
            });
        }
        return plan;
    }

    public SavedNodePlan? NodeNamed(string node) => Nodes.FirstOrDefault(n => string.Equals(n.Node, node, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Why <paramref name="live"/> (a node just read and planned) is not exactly this plan, or null when it is. Names the
    /// first file that differs, with the hashes that differ.
    /// </summary>
    internal string? MismatchOf(string node, NodePlan live, string? liveLinkChange)
    {
        var saved = NodeNamed(node);
        if (saved == null) return "is not in the saved plan";
        foreach (var file in live.Files)
        {
            var s = saved.Files.FirstOrDefault(f => f.Path == file.Path);
            if (s == null) return $"{file.Path}: not in the saved plan";
            if (s.CurrentHash != file.ShownCurrentHash)
                return $"{file.Path}: changed on the node since the plan was made (hash {Short(s.CurrentHash)} then, {Short(file.ShownCurrentHash)} now)" + KeyNote(s.CurrentHash);
            if (s.DesiredHash != file.ShownDesiredHash)
                return $"{file.Path}: the spec now gives other content than the plan (hash {Short(s.DesiredHash)} planned, {Short(file.ShownDesiredHash)} now)";
        }
        var extra = saved.Files.FirstOrDefault(f => live.Files.All(l => l.Path != f.Path));
        if (extra != null) return $"{extra.Path}: in the saved plan but no longer managed";
        if (saved.Link != liveLinkChange) return $"the Spark link changed since the plan was made ({saved.Link ?? "right then"}; {liveLinkChange ?? "right now"})";
        return null;
    }

    public void Save(string path)
    {
        using var stream = new MemoryStream();
        using (var writer = JsonReaderWriterFactory.CreateJsonWriter(stream, new UTF8Encoding(false), ownsStream: false, indent: true))
        {
            new DataContractJsonSerializer(typeof(SavedPlan)).WriteObject(writer, this);
        }
        stream.WriteByte((byte)'\n');
        IO.Atomic.WriteAllBytes(path, stream.ToArray(), 0x180); // 0600
    }

    public static SavedPlan Load(string path)
    {
        SavedPlan? plan;
        try
        {
            using var stream = File.OpenRead(path);
            plan = new DataContractJsonSerializer(typeof(SavedPlan)).ReadObject(stream) as SavedPlan;
        }
        catch (Exception e) when (e is SerializationException || e is IOException || e is UnauthorizedAccessException)
        {
            var reason = e is SerializationException ? "not a DasOps saved plan" : "cannot be read";
            throw new InputException(InputErrorKind.PlanInvalid, $"{path}: {reason} ({e.Message}).", path, e);
        }
        if (plan == null || plan.Format != CurrentFormat || plan.Nodes == null)
            throw new InputException(InputErrorKind.PlanInvalid, $"{path}: not a DasOps saved plan of format {CurrentFormat}.", path);
        return plan;
    }

    /// <summary>A password file's hashes are keyed: a plan saved under another key (another user or machine) never matches.</summary>
    private static string KeyNote(string? saved) =>
        saved != null && saved.StartsWith(SecretFileHash.Prefix, StringComparison.Ordinal)
            ? $"; password files are hashed with the key in {SecretFileHash.KeyFile}{(SecretFileHash.KeyIsEphemeral ? ", which could not be kept here" : "")}: apply a saved plan with the key it was made with (DASOPS_HASH_KEY_FILE)"
            : "";

    private static string Short(string? hash) => hash == null ? "(absent)" : hash.Substring(0, Math.Min(12, hash.Length));
}
