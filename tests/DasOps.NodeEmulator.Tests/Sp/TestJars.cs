using System.IO.Compression;
using System.Text;

namespace DasOps.NodeEmulator.Tests.Sp;

/// <summary>Small jars built in the test (fake .class bytes are enough: the tool only reads entry names), and a reader for the bundles.</summary>
internal static class TestJars
{
    public static byte[] Write(string path, params string[] entries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var name in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(name.EndsWith(".class", StringComparison.Ordinal)
                    ? [0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 52, .. Encoding.ASCII.GetBytes(name)]
                    : Encoding.UTF8.GetBytes("Manifest-Version: 1.0\r\nCreated-By: test\r\n\r\n"));
            }
        }
        return File.ReadAllBytes(path);
    }

    /// <summary>Every file entry (directories left out) with its bytes.</summary>
    public static Dictionary<string, byte[]> Files(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        return zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    /// <summary>The main section's attributes in file order, continuation lines (CRLF + space) joined back.</summary>
    public static List<KeyValuePair<string, string>> MainAttributes(byte[] manifest)
    {
        var text = Encoding.UTF8.GetString(manifest).Replace("\r\n ", "");
        var section = text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        return section.Split("\r\n").Select(line =>
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            return new KeyValuePair<string, string>(line[..colon], line[(colon + 2)..]);
        }).ToList();
    }
}
