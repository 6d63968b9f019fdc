using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using DasOps.Engine.Planning;

namespace DasOps.Engine.Publishing;

/// <summary>
/// Parses the output of <see cref="RemoteScripts.Read"/>: header lines, each regular file's header followed by
/// exactly its bytes. Each file's bytes are checked against the sha256 the node computed, so a file rewritten
/// while it was read (or a garbled stream) is caught instead of planned from.
/// </summary>
internal static class SnapshotParser
{
    public static NodeSnapshot Parse(byte[] output)
    {
        var position = 0;
        string? NextLine()
        {
            if (position >= output.Length) return null;
            var end = Array.IndexOf(output, (byte)'\n', position);
            if (end < 0) throw new FormatException("the node's answer ended in the middle of a line.");
            var line = Encoding.UTF8.GetString(output, position, end - position);
            position = end + 1;
            return line;
        }

        string homeOwner = "";
        var link = LinkState.NotManaged;
        string? linkTarget = null;
        var files = new Dictionary<string, LiveFile>(StringComparer.Ordinal);
        string? line;
        while ((line = NextLine()) != null)
        {
            if (line.Length < 2 || line[1] != ' ') throw new FormatException($"unexpected line in the node's answer: '{Clip(line)}'.");
            var rest = line.Substring(2);
            switch (line[0])
            {
                case 'O':
                    homeOwner = rest;
                    break;
                case 'L':
                    if (rest == "missing") link = LinkState.Missing;
                    else if (rest == "other") link = LinkState.NotALink;
                    else if (rest.StartsWith("link ", StringComparison.Ordinal)) { link = LinkState.Link; linkTarget = rest.Substring(5); }
                    else throw new FormatException($"unexpected link state '{Clip(rest)}'.");
                    break;
                case 'M':
                    files[rest] = new LiveFile(rest, LiveFileKind.Missing);
                    break;
                case 'S':
                    files[rest] = new LiveFile(rest, LiveFileKind.SymbolicLink);
                    break;
                case 'X':
                    files[rest] = new LiveFile(rest, LiveFileKind.NotRegular);
                    break;
                case 'C':
                case 'H':
                    var file = ParseFile(line[0] == 'C', rest, output, ref position);
                    files[file.Path] = file;
                    break;
                default:
                    throw new FormatException($"unexpected line in the node's answer: '{Clip(line)}'.");
            }
        }
        return new NodeSnapshot(homeOwner, link, linkTarget, files);
    }

    private static LiveFile ParseFile(bool withContent, string header, byte[] output, ref int position)
    {
        // size mode owner sha256 path (the path last: it is the only field that may hold spaces)
        var parts = header.Split(new[] { ' ' }, 5);
        if (parts.Length != 5 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || parts[3].Length != 64)
            throw new FormatException($"unexpected file header in the node's answer: '{Clip(header)}'.");
        var mode = Convert.ToInt32(parts[1], 8);
        var path = parts[4];
        if (!withContent) return new LiveFile(path, LiveFileKind.Regular, parts[3], mode, parts[2]);

        if (size > output.Length - position - 1 || output[position + size] != (byte)'\n')
            throw new FormatException($"{path}: its size changed while it was read; run again.");
        var content = new byte[size];
        Array.Copy(output, position, content, 0, size);
        position += (int)size + 1;
        if (Hashing.Sha256(content) != parts[3])
            throw new FormatException($"{path}: it changed while it was read; run again.");
        return new LiveFile(path, LiveFileKind.Regular, parts[3], mode, parts[2], content);
    }

    private static string Clip(string text) => text.Length <= 80 ? text : text.Substring(0, 80) + "...";
}
