using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace DasOps.Engine.Publishing;

/// <summary>
/// A minimal POSIX ustar writer (regular files only), because netstandard2.0 has no System.Formats.Tar. GNU tar,
/// busybox tar and bsdtar all read it. Owner, group and mode in the headers are placeholders: the node's tar runs
/// with --no-same-owner --no-same-permissions under umask 077, and the stage script sets the real mode and owner.
/// </summary>
internal static class UstarWriter
{
    private const int Block = 512;
    private const long MaxSize = 077777777777L; // 11 octal digits

    public static byte[] Create(IEnumerable<KeyValuePair<string, byte[]>> files, DateTime modified)
    {
        var mtime = (long)(modified.ToUniversalTime() - new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds;
        using var stream = new MemoryStream();
        foreach (var file in files)
        {
            stream.Write(Header(file.Key, file.Value.LongLength, mtime), 0, Block);
            stream.Write(file.Value, 0, file.Value.Length);
            var padding = (Block - file.Value.Length % Block) % Block;
            stream.Write(new byte[padding], 0, padding);
        }
        // The end of an archive is two zero blocks.
        stream.Write(new byte[2 * Block], 0, 2 * Block);
        return stream.ToArray();
    }

    private static byte[] Header(string path, long size, long mtime)
    {
        if (size > MaxSize) throw new ArgumentException($"{path}: {size} bytes is too large for a ustar archive.");
        var (prefix, name) = Split(path);
        var header = new byte[Block];
        Put(header, 0, 100, name);
        Put(header, 100, 8, Octal(0x180, 7));      // 0600
        Put(header, 108, 8, Octal(0, 7));
        Put(header, 116, 8, Octal(0, 7));
        Put(header, 124, 12, Octal(size, 11));
        Put(header, 136, 12, Octal(mtime, 11));
        for (var i = 148; i < 156; i++) header[i] = (byte)' '; // the checksum is computed over spaces
        header[156] = (byte)'0';                     // regular file
        Put(header, 257, 6, "ustar\0");
        Put(header, 263, 2, "00");
        Put(header, 345, 155, prefix);
        long sum = 0;
        foreach (var b in header) sum += b;
        Put(header, 148, 8, Octal(sum, 6) + "\0 ");
        return header;
    }

    /// <summary>ustar keeps a name of up to 100 bytes plus a directory prefix of up to 155, split at a '/'.</summary>
    private static (string Prefix, string Name) Split(string path)
    {
        if (path.Length == 0 || path.StartsWith("/", StringComparison.Ordinal)) throw new ArgumentException($"'{path}' is not a relative path.");
        if (Encoding.UTF8.GetByteCount(path) <= 100) return ("", path);
        for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            var prefix = path.Substring(0, slash);
            var name = path.Substring(slash + 1);
            if (Encoding.UTF8.GetByteCount(prefix) <= 155 && Encoding.UTF8.GetByteCount(name) <= 100) return (prefix, name);
        }
        throw new ArgumentException($"'{path}' is too long for a ustar archive.");
    }

    private static string Octal(long value, int digits) => Convert.ToString(value, 8).PadLeft(digits, '0');

    private static void Put(byte[] header, int offset, int length, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length > length) throw new ArgumentException($"'{value}' does not fit a {length}-byte tar header field.");
        Array.Copy(bytes, 0, header, offset, bytes.Length);
    }
}
