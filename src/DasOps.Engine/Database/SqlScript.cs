using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace DasOps.Engine.Database;

/// <summary>One statement of a script, and the 1-based line of the file it starts on.</summary>
public sealed class SqlStatement
{
    public SqlStatement(string text, int line)
    {
        Text = text;
        Line = line;
    }

    public string Text { get; }
    public int Line { get; }
}

/// <summary>
/// Splits a script the way the mysql client reads it, so each statement can be sent on its own and a failure named
/// by its line: statements end at the delimiter (';' until a DELIMITER line changes it) outside quotes and comments.
/// Comments ('-- ', '#', '/* */') are dropped; '/*! */' version comments are code to the server and are kept.
/// Quotes: '...' and "..." with backslash escapes and doubled quotes, `...` with doubled backquotes.
/// </summary>
public static class SqlScript
{
    private static readonly Regex DelimiterCommand = new Regex(@"\A[ \t]*delimiter[ \t]+(?<d>\S+)[ \t]*\r?\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static IReadOnlyList<SqlStatement> Split(string text)
    {
        var statements = new List<SqlStatement>();
        var delimiter = ";";
        var current = new StringBuilder();
        var startLine = 0; // 0: nothing but blanks and comments yet
        var line = 1;
        var i = 0;

        void Finish()
        {
            var sql = current.ToString().Trim();
            if (startLine > 0 && sql.Length > 0) statements.Add(new SqlStatement(sql, startLine));
            current.Clear();
            startLine = 0;
        }

        void Append(char c)
        {
            if (startLine == 0 && !char.IsWhiteSpace(c)) startLine = line;
            if (startLine > 0) current.Append(c);
            if (c == '\n') line++;
        }

        while (i < text.Length)
        {
            // DELIMITER is a client command: a line of its own, between statements.
            if (startLine == 0 && (i == 0 || text[i - 1] == '\n'))
            {
                var end = text.IndexOf('\n', i);
                var m = DelimiterCommand.Match(end < 0 ? text.Substring(i) : text.Substring(i, end - i));
                if (m.Success)
                {
                    delimiter = m.Groups["d"].Value;
                    i = end < 0 ? text.Length : end + 1;
                    line++;
                    continue;
                }
            }

            var c = text[i];
            if (string.CompareOrdinal(text, i, delimiter, 0, delimiter.Length) == 0)
            {
                Finish();
                i += delimiter.Length;
                continue;
            }
            if (c == '\'' || c == '"' || c == '`')
            {
                i = CopyQuoted(text, i, c, Append);
                continue;
            }
            if (c == '#' || (c == '-' && At(text, i + 1) == '-' && (i + 2 >= text.Length || char.IsWhiteSpace(text[i + 2]))))
            {
                while (i < text.Length && text[i] != '\n') i++;
                continue;
            }
            if (c == '/' && At(text, i + 1) == '*')
            {
                var code = At(text, i + 2) == '!';
                var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                var stop = close < 0 ? text.Length : close + 2;
                if (code)
                {
                    for (; i < stop; i++) Append(text[i]);
                }
                else
                {
                    for (; i < stop; i++) if (text[i] == '\n') line++;
                    if (startLine > 0) current.Append(' ');
                }
                continue;
            }
            Append(c);
            i++;
        }
        Finish();
        return statements;
    }

    private static char At(string text, int i) => i < text.Length ? text[i] : '\0';

    /// <summary>Copies a quoted string, escapes and all; returns the index after its closing quote (or the end of an unterminated one).</summary>
    private static int CopyQuoted(string text, int i, char quote, Action<char> append)
    {
        append(text[i++]);
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && quote != '`' && i + 1 < text.Length)
            {
                append(c);
                append(text[i + 1]);
                i += 2;
                continue;
            }
            append(c);
            i++;
            if (c == quote)
            {
                if (At(text, i) == quote)
                {
                    append(text[i++]);
                    continue;
                }
                return i;
            }
        }
        return i;
    }
}
