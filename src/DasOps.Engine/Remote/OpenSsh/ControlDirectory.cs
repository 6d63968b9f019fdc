using System;
using System.IO;
using System.Linq;
using DasOps.Engine.IO;
using DasOps.Engine.Remote;

namespace DasOps.Engine.Remote.OpenSsh;

/// <summary>
/// A private (0700) directory for a run's ControlMaster sockets. It is kept short: a unix socket path must stay
/// under 108 bytes, and ssh appends a 17-character suffix while it creates one (lab-notes gotcha 14).
/// </summary>
internal static class ControlDirectory
{
    private const int MaxParentLength = 40;

    public static string Create()
    {
        var parent = Path.GetTempPath();
        // ControlPath is read as a config value too: a TMPDIR with a space or '%' would be split or expanded.
        if (parent.Length > MaxParentLength || !Directory.Exists(parent) || parent.Any(c => char.IsWhiteSpace(c) || c == '%' || c == '"' || c == '\''))
            parent = "/tmp";
        var path = Path.Combine(parent, "dasops-" + Guid.NewGuid().ToString("N").Substring(0, 10));
        Directory.CreateDirectory(path);
        // Nothing is inside yet, so the moment before chmod exposes nothing.
        UnixPermissions.Set(path, 0x1C0); // 0700
        return path;
    }

    public static void Remove(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // a master still winding down may hold its socket for a moment; /tmp cleaning takes the rest
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
