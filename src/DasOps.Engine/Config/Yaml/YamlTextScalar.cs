using System;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DasOps.Engine.Config.Yaml;

/// <summary>Writes and reads scalar values the way a person would write them in a deployment.yaml.</summary>
internal static class YamlTextScalar
{
    // A plain scalar that every YAML 1.1/1.2 reader takes as the same string: no indicator first, no ': ' or ' #'.
    private static readonly Regex SafePlain = new Regex(@"\A[A-Za-z0-9_./$(][A-Za-z0-9_./:${}()@,=+ -]*\z", RegexOptions.CultureInvariant);

    // Strings a reader would take as a boolean, null or number (YAML 1.1 included, as SnakeYAML reads it).
    private static readonly Regex LooksTyped = new Regex(
        @"\A(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o?[0-7]+|[-+]?\.(?:inf|nan))\z",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>
    /// The text for <paramref name="value"/> (string, bool or integer). <paramref name="previous"/> is the value's text
    /// today, if any: a string keeps its quoting style, so a single-quoted URL stays single-quoted.
    /// </summary>
    public static string Format(object value, string? previous = null)
    {
        switch (value)
        {
            case bool b: return b ? "true" : "false";
            case int or long or short: return Convert.ToString(value, CultureInfo.InvariantCulture)!;
            case string s:
                if (previous != null && previous.Length > 0 && previous[0] == '"') return DoubleQuoted(s);
                if (previous != null && previous.Length > 0 && previous[0] == '\'') return SingleQuoted(s);
                return IsSafePlain(s) ? s : SingleQuoted(s);
            default:
                throw new ArgumentException($"a YAML scalar must be a string, a bool or an integer, not {value?.GetType().Name ?? "null"}.", nameof(value));
        }
    }

    public static bool IsSafePlain(string s) =>
        SafePlain.IsMatch(s) && !s.EndsWith(" ", StringComparison.Ordinal) && s.IndexOf(" #", StringComparison.Ordinal) < 0
        && s.IndexOf(": ", StringComparison.Ordinal) < 0 && !s.EndsWith(":", StringComparison.Ordinal)
        && !LooksTyped.IsMatch(s);

    public static string SingleQuoted(string s)
    {
        if (s.IndexOfAny(new[] { '\n', '\r' }) >= 0)
            throw new ArgumentException("a configuration value cannot span lines.");
        return "'" + s.Replace("'", "''") + "'";
    }

    public static string DoubleQuoted(string s)
    {
        var b = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                default:
                    if (c < ' ') b.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else b.Append(c);
                    break;
            }
        }
        return b.Append('"').ToString();
    }

    /// <summary>The string a quoted or plain scalar's text stands for (the escapes this editor writes, and \uXXXX).</summary>
    public static string Unquote(string text)
    {
        if (text.Length >= 2 && text[0] == '\'' && text[text.Length - 1] == '\'')
            return text.Substring(1, text.Length - 2).Replace("''", "'");
        if (text.Length < 2 || text[0] != '"' || text[text.Length - 1] != '"')
            return text;
        var b = new StringBuilder();
        for (var i = 1; i < text.Length - 1; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length - 1) { b.Append(c); continue; }
            var e = text[++i];
            switch (e)
            {
                case 'n': b.Append('\n'); break;
                case 'r': b.Append('\r'); break;
                case 't': b.Append('\t'); break;
                case '0': b.Append('\0'); break;
                case 'x' when i + 2 < text.Length - 1:
                    b.Append((char)int.Parse(text.Substring(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 2; break;
                case 'u' when i + 4 < text.Length - 1:
                    b.Append((char)int.Parse(text.Substring(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 4; break;
                default: b.Append(e); break;
            }
        }
        return b.ToString();
    }
}
