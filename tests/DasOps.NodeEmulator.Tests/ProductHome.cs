using System.Xml;

namespace DasOps.NodeEmulator.Tests;

/// <summary>
/// A throw-away product home for one emulated node: copied from tests/fixtures/das-3.2.0 when that exists, else
/// written from <see cref="MinimalConfigs"/>, then the emulator launcher is installed with install-into-home.sh.
/// Config edits go through XmlDocument, like an operator (or DasOps) editing the real files.
/// </summary>
internal sealed class ProductHome
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "dasops-emulator-tests");

    public ProductHome(string name)
    {
        PruneOldHomes();
        Dir = Path.Combine(Root, $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);
        Directory.CreateDirectory(Dir);
        var fixture = FixtureDir();
        if (fixture != null)
            CopyDirectory(fixture, Dir);
        else
            foreach (var (relative, content) in MinimalConfigs.Files)
                Write(relative, content);
    }

    public string Dir { get; }

    public string File(string relative) => Path.Combine(Dir, relative);

    public void Write(string relative, string content)
    {
        var full = File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, content);
    }

    /// <summary>Runs the installer the lab uses, with the emulator build output as DASOPS_EMULATOR_DIR.</summary>
    public string Install() => EmulatorInstaller.Install(Dir);

    public void EditXml(string relative, Action<XmlDocument> edit)
    {
        var doc = new XmlDocument { PreserveWhitespace = true };
        doc.Load(File(relative));
        edit(doc);
        doc.Save(File(relative));
    }

    /// <summary>Turns on WKA clustering with this node's address and the given well-known members.</summary>
    public void EnableClustering(string host, int port, params string[] wkaHosts)
    {
        EditXml("repository/conf/axis2/axis2.xml", doc =>
        {
            var clustering = Xml.Descendant(doc, "clustering");
            clustering.SetAttribute("enable", "true");
            Xml.Parameter(clustering, "membershipScheme").InnerText = "wka";
            Xml.Parameter(clustering, "localMemberHost").InnerText = host;
            Xml.Parameter(clustering, "localMemberPort").InnerText = port.ToString();
            var members = Xml.Child(clustering, "members");
            members.RemoveAll();
            foreach (var wka in wkaHosts)
            {
                var member = doc.CreateElement("member");
                member.AppendChild(doc.CreateElement("hostName"))!.InnerText = wka;
                member.AppendChild(doc.CreateElement("port"))!.InnerText = port.ToString();
                members.AppendChild(member);
            }
        });
    }

    /// <summary>Sets localMemberHost only (clustering stays off) so the node binds this address.</summary>
    public void SetLocalMemberHost(string host) => EditXml("repository/conf/axis2/axis2.xml",
        doc => Xml.Parameter(Xml.Descendant(doc, "clustering"), "localMemberHost").InnerText = host);

    /// <summary>Enables the HA mode (and disables the others) with this node's address for eventSync and management.</summary>
    public void EnableHa(string eventSyncHost, string managementHost) => EditXml("repository/conf/event-processor.xml", doc =>
    {
        foreach (var mode in doc.DocumentElement!.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == "mode"))
            mode.SetAttribute("enable", mode.GetAttribute("name") == "HA" ? "true" : "false");
        var ha = doc.DocumentElement.ChildNodes.OfType<XmlElement>().First(e => e.GetAttribute("name") == "HA");
        Xml.Child(Xml.Child(ha, "eventSync"), "hostName").InnerText = eventSyncHost;
        Xml.Child(Xml.Child(ha, "management"), "hostName").InnerText = managementHost;
    });

    public void SetDataSourceUrl(string relative, string dataSourceName, string url) => EditXml(relative, doc =>
    {
        var ds = doc.GetElementsByTagName("datasource").OfType<XmlElement>()
            .First(d => Xml.Child(d, "name").InnerText.Trim() == dataSourceName);
        Xml.Child(Xml.Child(Xml.Child(ds, "definition"), "configuration"), "url").InnerText = url;
    });

    /// <summary>Sets (or adds) one spark-defaults.conf property, keeping the rest of the file.</summary>
    public void SetSparkProperty(string key, string value)
    {
        var path = File("repository/conf/analytics/spark/spark-defaults.conf");
        var lines = System.IO.File.ReadAllLines(path)
            .Where(l => !(l.Trim().StartsWith(key + " ", StringComparison.Ordinal) || l.Trim().StartsWith(key + "\t", StringComparison.Ordinal)))
            .Append($"{key} {value}");
        System.IO.File.WriteAllLines(path, lines);
    }

    /// <summary>Homes are kept after a run for inspection; ones older than a day are removed.</summary>
    private static void PruneOldHomes()
    {
        Directory.CreateDirectory(Root);
        foreach (var dir in new DirectoryInfo(Root).GetDirectories().Where(d => d.CreationTimeUtc < DateTime.UtcNow.AddDays(-1)))
        {
            try
            {
                dir.Delete(recursive: true);
            }
            catch (IOException)
            {
                // another run may still use it
            }
        }
    }

    /// <summary>tests/fixtures/das-3.2.0 of this repository, if another change has added it.</summary>
    private static string? FixtureDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "das-3.2.0");
            if (Directory.Exists(Path.Combine(candidate, "repository", "conf")))
                return candidate;
        }
        return null;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            System.IO.File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
    }
}

/// <summary>Namespace-agnostic XmlDocument navigation for the edits above.</summary>
internal static class Xml
{
    public static XmlElement Descendant(XmlDocument doc, string localName) =>
        doc.DocumentElement!.GetElementsByTagName("*").OfType<XmlElement>().First(e => e.LocalName == localName);

    public static XmlElement Child(XmlElement parent, string localName) =>
        parent.ChildNodes.OfType<XmlElement>().First(e => e.LocalName == localName);

    public static XmlElement Parameter(XmlElement clustering, string name) =>
        clustering.ChildNodes.OfType<XmlElement>().First(e => e.LocalName == "parameter" && e.GetAttribute("name") == name);
}
