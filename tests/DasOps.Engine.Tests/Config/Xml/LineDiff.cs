using System.Collections.Generic;

namespace DasOps.Engine.Tests.Config.Xml;

/// <summary>Minimal LCS line diff: which original lines were removed and which new lines were added.</summary>
internal static class LineDiff
{
    public static (List<int> RemovedLineNumbers, List<string> AddedLines) Compare(string[] before, string[] after)
    {
        int n = before.Length, m = after.Length;
        var lcs = new int[n + 1, m + 1];
        for (int i = n - 1; i >= 0; i--)
        {
            for (int j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = before[i] == after[j] ? lcs[i + 1, j + 1] + 1 : System.Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        var removed = new List<int>();
        var added = new List<string>();
        int a = 0, b = 0;
        while (a < n || b < m)
        {
            if (a < n && b < m && before[a] == after[b])
            {
                a++;
                b++;
            }
            else if (b < m && (a == n || lcs[a, b + 1] >= lcs[a + 1, b]))
            {
                added.Add(after[b++]);
            }
            else
            {
                removed.Add(++a);
            }
        }
        return (removed, added);
    }
}
