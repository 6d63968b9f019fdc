using System.Text;

namespace DasOps.Engine.Config.Xml;

/// <summary>
/// Entity and character references. Only the five predefined entities exist without a DTD, so anything else is
/// an error rather than something to pass through silently.
/// </summary>
internal static class XmlTextReferences
{
    /// <summary>
    /// Reads the reference starting at <paramref name="amp"/> (which holds '&amp;'). Returns its replacement text and
    /// sets <paramref name="end"/> just past the ';', or returns null and sets <paramref name="error"/>.
    /// </summary>
    public static string? TryRead(string s, int amp, out int end, out string error)
    {
        end = amp;
        error = string.Empty;
        int i = amp + 1;
        if (i < s.Length && s[i] == '#')
        {
            i++;
            bool hex = i < s.Length && s[i] == 'x';
            if (hex) i++;
            int digitsStart = i;
            long code = 0;
            while (i < s.Length && i - digitsStart < 10 && IsDigit(s[i], hex))
            {
                code = code * (hex ? 16 : 10) + DigitValue(s[i]);
                i++;
            }
            if (i == digitsStart || i >= s.Length || s[i] != ';')
            {
                error = "malformed character reference";
                return null;
            }
            if (!IsXmlChar(code))
            {
                error = $"character reference '{s.Substring(amp, i + 1 - amp)}' is not a legal XML character";
                return null;
            }
            end = i + 1;
            return char.ConvertFromUtf32((int)code);
        }

        int nameStart = i;
        while (i < s.Length && XmlTextChars.IsNameChar(s[i])) i++;
        if (i == nameStart || i >= s.Length || s[i] != ';')
        {
            error = "'&' must start an entity or character reference (write &amp;amp; for a literal '&')";
            return null;
        }
        string name = s.Substring(nameStart, i - nameStart);
        string? value = name switch
        {
            "lt" => "<",
            "gt" => ">",
            "amp" => "&",
            "quot" => "\"",
            "apos" => "'",
            _ => null,
        };
        if (value == null)
        {
            error = $"unknown entity reference '&{name};'";
            return null;
        }
        end = i + 1;
        return value;
    }

    /// <summary>
    /// Expands references in already-validated raw text and applies XML end-of-line handling; for attributes also
    /// attribute-value normalization (literal tab, CR, LF become spaces).
    /// </summary>
    public static string Decode(string raw, bool attribute)
    {
        if (raw.IndexOf('&') < 0 && raw.IndexOf('\r') < 0 && (!attribute || raw.IndexOfAny(AttributeBlanks) < 0))
        {
            return raw;
        }
        var sb = new StringBuilder(raw.Length);
        for (int i = 0; i < raw.Length; i++)
        {
            char c = raw[i];
            if (c == '&')
            {
                string value = TryRead(raw, i, out int end, out string error)
                    ?? throw new System.InvalidOperationException(error);
                sb.Append(value);
                i = end - 1;
            }
            else if (c == '\r' || c == '\n' || c == '\t')
            {
                if (c == '\r' && i + 1 < raw.Length && raw[i + 1] == '\n') i++;
                sb.Append(attribute ? ' ' : (c == '\t' ? '\t' : '\n'));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private static readonly char[] AttributeBlanks = { '\t', '\n', '\r' };

    private static bool IsDigit(char c, bool hex) =>
        (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));

    private static int DigitValue(char c) =>
        c <= '9' ? c - '0' : (c >= 'a' ? c - 'a' + 10 : c - 'A' + 10);

    private static bool IsXmlChar(long c) =>
        c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
}
