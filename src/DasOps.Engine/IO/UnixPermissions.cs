using System;
using System.IO;
using System.Runtime.InteropServices;

namespace DasOps.Engine.IO;

/// <summary>chmod for local files (netstandard2.0 has no File.SetUnixFileMode); a no-op on Windows.</summary>
public static class UnixPermissions
{
    [DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
    private static extern int NativeChmod(string path, uint mode);

    public static void Set(string path, int mode)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
        if (NativeChmod(path, (uint)mode) != 0)
            throw new IOException($"chmod {Convert.ToString(mode, 8)} {path} failed (errno {Marshal.GetLastWin32Error()}).");
    }
}
