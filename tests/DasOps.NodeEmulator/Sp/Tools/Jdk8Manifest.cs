using System.Text;

namespace DasOps.NodeEmulator.Sp.Tools;

/// <summary>
/// The bytes java.util.jar.Manifest.write produces on JDK 1.8 (the only JDK jartobundle.sh accepts) for main
/// attributes only: "Manifest-Version: v" first and as is, then every other attribute in the iteration order of
/// JDK 8's Attributes map, a HashMap (not insertion order: JDK 9 made it a LinkedHashMap), each "Name: value\r\n"
/// made 72-safe the JDK 8 way (a "\r\n " inserted at byte 70 and every 72 bytes after it, so no line exceeds 72 bytes
/// with its CRLF), then an empty line.
/// </summary>
internal static class Jdk8Manifest
{
    private const string VersionName = "Manifest-Version";

    /// <summary>Attributes in the order they were put; Manifest-Version among them.</summary>
    public static byte[] Write(IReadOnlyList<KeyValuePair<string, string>> attributes)
    {
        var output = new List<byte>();
        var version = attributes.FirstOrDefault(a => a.Key.Equals(VersionName, StringComparison.OrdinalIgnoreCase));
        if (version.Key != null)
            output.AddRange(Encoding.UTF8.GetBytes($"{VersionName}: {version.Value}\r\n"));
        foreach (var (name, value) in InHashMapOrder(attributes))
        {
            if (version.Key != null && name.Equals(VersionName, StringComparison.OrdinalIgnoreCase))
                continue;
            output.AddRange(Make72Safe(Encoding.UTF8.GetBytes($"{name}: {value}\r\n")));
        }
        output.Add((byte)'\r');
        output.Add((byte)'\n');
        return output.ToArray();
    }

    /// <summary>
    /// HashMap iteration: by bucket, and within a bucket in insertion order. new Manifest() sizes the map for 11, so
    /// the table has 16 buckets until a 13th attribute; Attributes.Name hashes the ASCII-lowercased name as String does.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string>> InHashMapOrder(IReadOnlyList<KeyValuePair<string, string>> attributes)
    {
        if (attributes.Count > 12)
            throw new NotSupportedException("the emulator orders at most 12 manifest attributes (one HashMap table size)");
        return attributes.Select((a, i) => (a, i)).OrderBy(x => Bucket(x.a.Key)).ThenBy(x => x.i).Select(x => x.a);
    }

    private static int Bucket(string name)
    {
        var h = 0;
        foreach (var c in name)
            h = unchecked(31 * h + (c is >= 'A' and <= 'Z' ? c + 32 : c));
        h ^= (int)((uint)h >> 16);
        return h & 15;
    }

    private static List<byte> Make72Safe(byte[] line)
    {
        var bytes = new List<byte>(line);
        if (bytes.Count <= 72)
            return bytes;
        for (var index = 70; index < bytes.Count - 2; index += 72)
            bytes.InsertRange(index, "\r\n "u8.ToArray());
        return bytes;
    }
}
