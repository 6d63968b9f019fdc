using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Xunit;

namespace DasOps.Engine.Tests.Config.Xml;

/// <summary>
/// Access to the stock DAS 3.2.0 configuration files in <c>&lt;repoRoot&gt;/../shared/reference</c>. They are
/// read in place (never copied into the repository) and read as raw UTF-8 so byte comparisons are exact.
/// </summary>
internal static class StockFiles
{
    public static readonly string[] Names =
    {
        "axis2/axis2.xml",
        "carbon.xml",
        "user-mgt.xml",
        "registry.xml",
        "event-processor.xml",
        "datasources/master-datasources.xml",
        "datasources/analytics-datasources.xml",
        "data-bridge/data-bridge-config.xml",
        "tomcat/catalina-server.xml",
        "analytics/analytics-config.xml",
        "analytics/rdbms-config.xml",
    };

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (string n in Names) data.Add(n);
        return data;
    }

    /// <summary>Walks up from the test binaries (and, for scratch builds outside the repo, from this source file).</summary>
    public static string ConfDirectory([CallerFilePath] string sourceFile = "")
    {
        var starts = new List<string> { AppContext.BaseDirectory };
        if (!string.IsNullOrEmpty(sourceFile)) starts.Add(Path.GetDirectoryName(sourceFile)!);
        foreach (string start in starts)
        {
            for (var d = new DirectoryInfo(start); d != null; d = d.Parent)
            {
                if (Directory.Exists(Path.Combine(d.FullName, "shared", "reference")))
                {
                    string conf = Path.Combine(d.FullName, "shared", "reference", "wso2-stock", "das-3.2.0", "repository", "conf");
                    if (Directory.Exists(conf)) return conf;
                }
            }
        }
        throw new InvalidOperationException(
            "Stock WSO2 files not found: expected <repoRoot>/../shared/reference/wso2-stock/das-3.2.0/repository/conf "
            + "above " + string.Join(" or ", starts) + ". These tests need the shared reference checkout (present in CI).");
    }

    public static byte[] ReadBytes(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>Decodes without stripping a BOM, so the text maps back to the same bytes.</summary>
    public static string Read(string name) => new UTF8Encoding(false).GetString(ReadBytes(name));

    public static string PathOf(string name) =>
        Path.Combine(new[] { ConfDirectory() }.Concat(name.Split('/')).ToArray());

    public static byte[] Encode(string text) => new UTF8Encoding(false).GetBytes(text);
}
