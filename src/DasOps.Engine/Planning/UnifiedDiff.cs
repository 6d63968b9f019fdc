using System;
using System.Collections.Generic;
using System.Text;

namespace DasOps.Engine.Planning;

/// <summary>
/// Line-based unified diff (as `diff -u` prints it) between two texts, for plans and -WhatIf. Lines are compared
/// with their endings stripped, so a CRLF file diffs as cleanly as an LF one.
/// </summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    // Above this many cells the LCS table is skipped and the changed middle is shown as one replacement.
    private const long MaxCells = 16_000_000;

    public static string Create(string? oldText, string newText, string oldLabel, string newLabel)
    {
        var a = SplitLines(oldText ?? "");
        var b = SplitLines(newText);
        var ops = Compare(a, b);
        if (!ops.Exists(o => o.Kind != ' ')) return "";

        var sb = new StringBuilder();
        sb.Append("--- ").Append(oldText == null ? "/dev/null" : oldLabel).Append('\n');
        sb.Append("+++ ").Append(newLabel).Append('\n');
        var i = 0;
        while (i < ops.Count)
        {
            if (ops[i].Kind == ' ') { i++; continue; }
            var start = Math.Max(0, i - Context);
            var end = i;
            // extend the hunk while the next change is within 2*Context lines
            while (true)
            {
                var next = end;
                while (next < ops.Count && ops[next].Kind != ' ') next++;
                var gap = next;
                while (gap < ops.Count && ops[gap].Kind == ' ') gap++;
                if (gap < ops.Count && gap - next <= 2 * Context) { end = gap; continue; }
                end = Math.Min(ops.Count, next + Context);
                break;
            }
            WriteHunk(sb, ops, start, end);
            i = end;
        }
        return sb.ToString();
    }

    private static void WriteHunk(StringBuilder sb, List<Op> ops, int start, int end)
    {
        int oldStart = ops[start].OldLine, newStart = ops[start].NewLine, oldCount = 0, newCount = 0;
        for (var k = start; k < end; k++)
        {
            if (ops[k].Kind != '+') oldCount++;
            if (ops[k].Kind != '-') newCount++;
        }
        sb.Append("@@ -").Append(oldCount == 0 ? oldStart - 1 : oldStart).Append(',').Append(oldCount)
          .Append(" +").Append(newCount == 0 ? newStart - 1 : newStart).Append(',').Append(newCount).Append(" @@\n");
        for (var k = start; k < end; k++) sb.Append(ops[k].Kind).Append(ops[k].Text).Append('\n');
    }

    private readonly struct Op
    {
        public Op(char kind, string text, int oldLine, int newLine)
        {
            Kind = kind;
            Text = text;
            OldLine = oldLine;
            NewLine = newLine;
        }

        public char Kind { get; }
        public string Text { get; }
        public int OldLine { get; }   // 1-based line in the old text where this op sits
        public int NewLine { get; }
    }

    private static List<Op> Compare(string[] a, string[] b)
    {
        int prefix = 0, suffix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix]) suffix++;

        var ops = new List<Op>(a.Length + b.Length);
        int ai = 0, bi = 0;
        void Emit(char kind, string text)
        {
            ops.Add(new Op(kind, text, ai + 1, bi + 1));
            if (kind != '+') ai++;
            if (kind != '-') bi++;
        }

        for (var k = 0; k < prefix; k++) Emit(' ', a[k]);
        int n = a.Length - prefix - suffix, m = b.Length - prefix - suffix;
        if ((long)(n + 1) * (m + 1) > MaxCells)
        {
            for (var k = 0; k < n; k++) Emit('-', a[prefix + k]);
            for (var k = 0; k < m; k++) Emit('+', b[prefix + k]);
        }
        else
        {
            // lcs[i,j] = length of the LCS of a[prefix+i..] and b[prefix+j..]
            var lcs = new int[n + 1, m + 1];
            for (var i = n - 1; i >= 0; i--)
            for (var j = m - 1; j >= 0; j--)
                lcs[i, j] = a[prefix + i] == b[prefix + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            int x = 0, y = 0;
            while (x < n || y < m)
            {
                if (x < n && y < m && a[prefix + x] == b[prefix + y]) { Emit(' ', a[prefix + x]); x++; y++; }
                else if (y < m && (x == n || lcs[x, y + 1] >= lcs[x + 1, y])) { Emit('+', b[prefix + y]); y++; }
                else { Emit('-', a[prefix + x]); x++; }
            }
        }
        for (var k = a.Length - suffix; k < a.Length; k++) Emit(' ', a[k]);
        return Reorder(ops);
    }

    /// <summary>Within each run of changes, print removals before additions, as diff -u does.</summary>
    private static List<Op> Reorder(List<Op> ops)
    {
        var result = new List<Op>(ops.Count);
        var i = 0;
        while (i < ops.Count)
        {
            if (ops[i].Kind == ' ') { result.Add(ops[i++]); continue; }
            var j = i;
            while (j < ops.Count && ops[j].Kind != ' ') j++;
            var firstOld = ops[i].OldLine;
            var firstNew = ops[i].NewLine;
            int oldLine = firstOld, newLine = firstNew;
            for (var k = i; k < j; k++) if (ops[k].Kind == '-') result.Add(new Op('-', ops[k].Text, oldLine++, firstNew));
            for (var k = i; k < j; k++) if (ops[k].Kind == '+') result.Add(new Op('+', ops[k].Text, oldLine, newLine++));
            i = j;
        }
        return result;
    }

    private static string[] SplitLines(string text)
    {
        if (text.Length == 0) return Array.Empty<string>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (text.EndsWith("\n", StringComparison.Ordinal)) Array.Resize(ref lines, lines.Length - 1);
        return lines;
    }
}
