using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using DasOps.Engine.Planning;
using DasOps.Engine.Secrets;
using DasOps.Engine.Spec;
using Xunit;

namespace DasOps.Engine.Tests.Support;

/// <summary>A spec rendered over a product home into a temp directory, with readers for the results.</summary>
public sealed class Rendered : IDisposable
{
    public const string Password = "p<&\"'$;x]]>";
    public const string SvnPassword = "s&v<n>'\"";

    private Rendered(ClusterSpec spec, string output, IReadOnlyList<NodePlan> plans)
    {
        Spec = spec;
        Output = output;
        Plans = plans;
    }

    public ClusterSpec Spec { get; }
    public string Output { get; }
    public IReadOnlyList<NodePlan> Plans { get; }

    public static ClusterSecrets Secrets => new ClusterSecrets { DatabasePassword = Password, SvnPassword = SvnPassword };

    public static Rendered From(string specYaml, string home)
    {
        var spec = SpecLoader.Load(specYaml, "spec.yaml");
        Assert.Empty(SpecValidator.Validate(spec));
        var output = Path.Combine(Path.GetTempPath(), "dasops-render-" + Guid.NewGuid().ToString("N"));
        var plans = StockRenderer.Render(spec, Secrets, home, output);
        return new Rendered(spec, output, plans);
    }

    public string PathOf(string node, string relative) => Path.Combine(Output, node, relative);

    public bool Has(string node, string relative) => File.Exists(PathOf(node, relative));

    public string Text(string node, string relative) => File.ReadAllText(PathOf(node, relative));

    public XmlDocument Xml(string node, string relative)
    {
        var doc = new XmlDocument();
        doc.Load(PathOf(node, relative));
        return doc;
    }

    /// <summary>XPath over the file with any default namespace ignored (carbon.xml declares one).</summary>
    public string Value(string node, string relative, string xpath)
    {
        var found = Xml(node, relative).SelectSingleNode(IgnoreNamespaces(xpath));
        Assert.True(found != null, $"{node}/{relative}: nothing at {xpath}");
        return found!.NodeType == XmlNodeType.Attribute ? found.Value! : found.InnerText;
    }

    public int Count(string node, string relative, string xpath) => Xml(node, relative).SelectNodes(IgnoreNamespaces(xpath))!.Count;

    /// <summary>Turns /Server/Ports into /*[local-name()='Server']/*[local-name()='Ports'] so default namespaces do not matter.</summary>
    private static string IgnoreNamespaces(string xpath)
    {
        var sb = new StringBuilder();
        var quote = '\0';
        for (var i = 0; i < xpath.Length; i++)
        {
            var c = xpath[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                sb.Append(c);
                continue;
            }
            if (c == '\'' || c == '"')
            {
                quote = c;
                sb.Append(c);
                continue;
            }
            var stepStart = i == 0 || xpath[i - 1] == '/' || xpath[i - 1] == '(';
            if (stepStart && (char.IsLetter(c) || c == '_'))
            {
                var end = i;
                while (end < xpath.Length && (char.IsLetterOrDigit(xpath[end]) || "_.-".IndexOf(xpath[end]) >= 0)) end++;
                var name = xpath.Substring(i, end - i);
                var isFunction = end < xpath.Length && xpath[end] == '(';
                sb.Append(isFunction ? name : $"*[local-name()='{name}']");
                i = end - 1;
                continue;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Key lookup in a whitespace-separated properties file (spark-defaults.conf), ignoring comments.</summary>
    public string? Property(string node, string relative, string key)
    {
        foreach (var line in Text(node, relative).Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("#", StringComparison.Ordinal) || trimmed.Length == 0) continue;
            var parts = trimmed.Split(new[] { ' ', '\t' }, 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts[0] == key) return parts.Length > 1 ? parts[1].Trim() : "";
        }
        return null;
    }

    public void Dispose()
    {
        if (Directory.Exists(Output)) Directory.Delete(Output, true);
    }
}
