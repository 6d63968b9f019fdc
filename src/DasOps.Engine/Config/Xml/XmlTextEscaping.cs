using System;
using System.Text;

namespace DasOps.Engine.Config.Xml;

/// <summary>
/// Escaping for values written into XML text. Callers that build fragments use these so that passwords and
/// other free-form values survive any conforming parser unchanged.
/// </summary>
public static class XmlTextEscaping
{
    /// <summary>Escapes &amp; &lt; &gt; and CR (as &amp;#13;, because parsers turn a literal CR into LF).</summary>
    public static string EscapeText(string s)
    {
        if (s == null) throw new ArgumentNullException(nameof(s));
        StringBuilder? sb = null;
        for (int i = 0; i < s.Length; i++)
        {
            string? rep = s[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\r' => "&#13;",
                _ => null,
            };
            sb = Append(sb, s, i, rep);
        }
        return sb?.ToString() ?? s;
    }

    /// <summary>
    /// Escapes a value for an attribute delimited by <paramref name="quote"/>. Tab, LF and CR become character
    /// references because attribute-value normalization would otherwise turn them into spaces.
    /// </summary>
    public static string EscapeAttribute(string s, char quote)
    {
        if (s == null) throw new ArgumentNullException(nameof(s));
        if (quote != '"' && quote != '\'') throw new ArgumentException("quote must be ' or \"", nameof(quote));
        StringBuilder? sb = null;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            string? rep = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\t' => "&#9;",
                '\n' => "&#10;",
                '\r' => "&#13;",
                _ => c == quote ? (quote == '"' ? "&quot;" : "&apos;") : null,
            };
            sb = Append(sb, s, i, rep);
        }
        return sb?.ToString() ?? s;
    }

    // Builds the output lazily so that the common no-escape case allocates nothing.
    private static StringBuilder? Append(StringBuilder? sb, string s, int i, string? rep)
    {
        if (rep == null)
        {
            sb?.Append(s[i]);
            return sb;
        }
        if (sb == null)
        {
            sb = new StringBuilder(s.Length + 16);
            sb.Append(s, 0, i);
        }
        sb.Append(rep);
        return sb;
    }
}
