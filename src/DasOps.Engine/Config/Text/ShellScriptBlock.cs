using System;
using System.Collections.Generic;
using System.Linq;

namespace DasOps.Engine.Config.Text;

/// <summary>
/// Maintains one marked block of lines in a shell script ("# BEGIN DasOps managed" ... "# END DasOps managed"),
/// so the edit is idempotent, visible to a reader, and removable when the spec stops asking for it.
/// </summary>
public static class ShellScriptBlock
{
    public const string Begin = "# BEGIN DasOps managed: do not edit, changes are overwritten";
    public const string BeginPrefix = "# BEGIN DasOps managed";
    public const string End = "# END DasOps managed";

    /// <summary>
    /// Puts <paramref name="lines"/> in the block (removes the block when there are none). A new block goes right
    /// before the first line starting with <paramref name="insertBefore"/>, else at the end of the script.
    /// </summary>
    public static string Apply(string script, IReadOnlyList<string> lines, string? insertBefore)
    {
        var newLine = TextContent.DetectNewLine(script);
        var endsWithNewLine = script.EndsWith("\n", StringComparison.Ordinal);
        var body = endsWithNewLine ? script.Substring(0, script.Length - newLine.Length) : script;
        var all = new List<string>(body.Split(new[] { newLine }, StringSplitOptions.None));
        var block = lines.Count == 0 ? new List<string>() : new[] { Begin }.Concat(lines).Concat(new[] { End }).ToList();

        var start = all.FindIndex(l => l.StartsWith(BeginPrefix, StringComparison.Ordinal));
        if (start >= 0)
        {
            var end = all.FindIndex(start, l => l == End);
            if (end < 0) throw new FormatException($"the script has '{BeginPrefix}' without '{End}'; fix it by hand before DasOps edits it.");
            all.RemoveRange(start, end - start + 1);
            all.InsertRange(start, block);
        }
        else if (block.Count > 0)
        {
            var anchor = insertBefore == null ? -1 : all.FindIndex(l => l.StartsWith(insertBefore, StringComparison.Ordinal));
            if (anchor >= 0) all.InsertRange(anchor, block);
            else
            {
                all.AddRange(block);
                endsWithNewLine = true;
            }
        }
        return string.Join(newLine, all) + (endsWithNewLine ? newLine : "");
    }

    /// <summary>Quotes a value for a POSIX shell: single quotes, with embedded quotes closed and escaped.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";
}
