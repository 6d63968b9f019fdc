using System.Globalization;
using System.Text;

namespace DasOps.Engine.Config.Xml;

/// <summary>Character classes and line-break helpers shared by the parser and the editors.</summary>
internal static class XmlTextChars
{
    public static bool IsWhitespace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r';

    public static bool IsAllWhitespace(string s)
    {
        foreach (char c in s)
        {
            if (!IsWhitespace(c)) return false;
        }
        return true;
    }

    // A permissive approximation of the XML Name production: enough to reject markup errors without
    // rejecting legitimate non-ASCII names.
    public static bool IsNameStartChar(char c) =>
        c == '_' || c == ':' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
        || (c > 0x7F && (char.IsLetter(c) || char.IsSurrogate(c)));

    public static bool IsNameChar(char c) =>
        IsNameStartChar(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == 0xB7
        || (c > 0x7F && (char.IsDigit(c) || IsMark(c)));

    private static bool IsMark(char c)
    {
        var cat = char.GetUnicodeCategory(c);
        return cat == UnicodeCategory.NonSpacingMark || cat == UnicodeCategory.SpacingCombiningMark;
    }

    public static bool IsValidName(string? s)
    {
        if (string.IsNullOrEmpty(s) || !IsNameStartChar(s![0])) return false;
        for (int i = 1; i < s.Length; i++)
        {
            if (!IsNameChar(s[i])) return false;
        }
        return true;
    }

    /// <summary>XML end-of-line handling: CRLF and lone CR become LF.</summary>
    public static string NormalizeLineEnds(string s) => ConvertLineBreaks(s, "\n");

    /// <summary>Replaces every CRLF, lone CR and lone LF with <paramref name="newLine"/>.</summary>
    public static string ConvertLineBreaks(string s, string newLine)
    {
        if (s.IndexOf('\r') < 0 && (newLine == "\n" || s.IndexOf('\n') < 0)) return s;
        var sb = new StringBuilder(s.Length + 8);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '\r')
            {
                if (i + 1 < s.Length && s[i + 1] == '\n') i++;
                sb.Append(newLine);
            }
            else if (c == '\n')
            {
                sb.Append(newLine);
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>Index where the last line break in <paramref name="s"/> starts (the CR of a CRLF), or -1.</summary>
    public static int LastLineBreakStart(string s)
    {
        int i = s.LastIndexOfAny(LineBreakChars);
        if (i > 0 && s[i] == '\n' && s[i - 1] == '\r') i--;
        return i;
    }

    public static readonly char[] LineBreakChars = { '\n', '\r' };

    /// <summary>Length of the run of spaces and tabs at the start of <paramref name="s"/>.</summary>
    public static int LeadingBlankLength(string s, int start = 0)
    {
        int i = start;
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t')) i++;
        return i - start;
    }
}
