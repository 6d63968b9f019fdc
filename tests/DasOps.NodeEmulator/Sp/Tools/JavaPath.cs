using System.Runtime.InteropServices;
using System.Text;

namespace DasOps.NodeEmulator.Sp.Tools;

/// <summary>
/// The bits of java.nio.file on Unix the converter relies on. A Java path's string is the input with repeated '/'
/// collapsed and a trailing '/' dropped, and nothing else: "." and ".." stay, so equals() compares those strings
/// (which decides the tool's "same directory" check). exists/isReadable/isWritable follow symbolic links like
/// access(2), which is what the JDK calls.
/// </summary>
internal static class JavaPath
{
    private const int Exists = 0, Writable = 2, Readable = 4;

    /// <summary>Paths.get(first, more...): the parts joined with '/', then normalized as UnixPath does.</summary>
    public static string Get(params string[] parts)
    {
        var joined = string.Join('/', parts.Where(p => p.Length > 0));
        var text = new StringBuilder(joined.Length);
        foreach (var c in joined)
        {
            if (c == '/' && text.Length > 0 && text[^1] == '/')
                continue;
            text.Append(c);
        }
        if (text.Length > 1 && text[^1] == '/')
            text.Length--;
        return text.ToString();
    }

    public static bool IsAbsolute(string path) => path.StartsWith('/');

    /// <summary>getFileName(): the last element, or null for "/".</summary>
    public static string? FileName(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name.Length == 0 ? null : name;
    }

    /// <summary>getParent(): everything before the last element, "/" for a root child, null for a single relative name.</summary>
    public static string? Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash switch
        {
            < 0 => null,
            0 => path.Length > 1 ? "/" : null,
            _ => path[..slash],
        };
    }

    public static bool FileExists(string path) => Access(path, Exists);

    public static bool IsReadable(string path) => Access(path, Readable);

    public static bool IsWritable(string path) => Access(path, Writable);

    public static bool IsDirectory(string path) => Directory.Exists(path);

    /// <summary>Files.newDirectoryStream: every entry (hidden ones too) in the order the directory lists them.</summary>
    public static IEnumerable<string> List(string directory) =>
        new DirectoryInfo(directory).EnumerateFileSystemInfos().Select(entry => Get(directory, entry.Name));

    private static bool Access(string path, int mode) => access(path, mode) == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);
}
