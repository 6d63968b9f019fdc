using System;
using System.IO;
using System.Text;

namespace DasOps.Engine.IO;

/// <summary>Local writes that are never half-done: write beside the target, then rename over it.</summary>
public static class Atomic
{
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));

    /// <summary>Writes the file with <paramref name="mode"/> set before the rename, so a secret is never readable by others.</summary>
    public static void WriteAllBytes(string path, byte[] bytes, int? mode = null)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, "." + Path.GetFileName(full) + ".dasops-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        try
        {
            File.WriteAllBytes(temp, bytes);
            if (mode != null) UnixPermissions.Set(temp, mode.Value);
            if (File.Exists(full)) File.Replace(temp, full, null);
            else File.Move(temp, full);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
