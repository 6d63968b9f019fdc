using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DasOps.Module.Tests.Support;

/// <summary>
/// Reads a PowerShell data file (.psd1) the way Import-PowerShellDataFile would for a manifest: hashtables
/// (@{ key = value }, separated by newlines or ';'), arrays (@(...) or a, b), single- and double-quoted strings,
/// numbers, $true/$false/$null, and comments. Keys are case-insensitive. Anything else is a FormatException.
/// </summary>
public sealed class Psd1Reader
{
    private readonly string _text;
    private int _pos;

    private Psd1Reader(string text) => _text = text;

    public static Dictionary<string, object?> ReadFile(string path) => Read(System.IO.File.ReadAllText(path));

    public static Dictionary<string, object?> Read(string text)
    {
        var reader = new Psd1Reader(text);
        reader.SkipTrivia(newlines: true);
        var value = reader.ReadValue();
        reader.SkipTrivia(newlines: true);
        if (reader._pos < text.Length) throw reader.Error("text after the top-level hashtable");
        return value as Dictionary<string, object?> ?? throw new FormatException("a manifest is one hashtable @{ ... }");
    }

    private object? ReadValue()
    {
        var first = ReadSingle();
        SkipTrivia(newlines: false);
        if (Peek() != ',') return first;
        var list = new CommaList { first };
        while (Peek() == ',')
        {
            _pos++;
            SkipTrivia(newlines: true);
            list.Add(ReadSingle());
            SkipTrivia(newlines: false);
        }
        return list;
    }

    private object? ReadSingle()
    {
        var c = Peek();
        if (c == '@' && PeekAt(1) == '{') return ReadHashtable();
        if (c == '@' && PeekAt(1) == '(') return ReadArray();
        if (c == '\'') return ReadSingleQuoted();
        if (c == '"') return ReadDoubleQuoted();
        if (c == '$') return ReadVariable();
        if (char.IsDigit(c) || c == '-' || c == '.') return ReadNumber();
        throw Error($"unexpected '{c}'");
    }

    private Dictionary<string, object?> ReadHashtable()
    {
        _pos += 2;
        var table = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            SkipTrivia(newlines: true, semicolons: true);
            if (Peek() == '}')
            {
                _pos++;
                return table;
            }
            var key = Peek() == '\'' ? ReadSingleQuoted() : Peek() == '"' ? ReadDoubleQuoted() : ReadBareword();
            SkipTrivia(newlines: false);
            if (Peek() != '=') throw Error($"expected '=' after key '{key}'");
            _pos++;
            SkipTrivia(newlines: true);
            if (table.ContainsKey(key)) throw Error($"duplicate key '{key}'");
            table[key] = ReadValue();
        }
    }

    private List<object?> ReadArray()
    {
        _pos += 2;
        var list = new List<object?>();
        while (true)
        {
            SkipTrivia(newlines: true, semicolons: true);
            if (Peek() == ')')
            {
                _pos++;
                return list;
            }
            var value = ReadValue();
            if (value is CommaList items) list.AddRange(items);
            else list.Add(value);
        }
    }

    private string ReadSingleQuoted()
    {
        _pos++;
        var text = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length) throw Error("unterminated string");
            var c = _text[_pos++];
            if (c == '\'')
            {
                if (Peek() == '\'') { text.Append('\''); _pos++; continue; }
                return text.ToString();
            }
            text.Append(c);
        }
    }

    private string ReadDoubleQuoted()
    {
        _pos++;
        var text = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length) throw Error("unterminated string");
            var c = _text[_pos++];
            if (c == '"') return text.ToString();
            if (c == '$') throw Error("a manifest string must not expand variables");
            if (c == '`' && _pos < _text.Length)
            {
                var e = _text[_pos++];
                text.Append(e switch { 'n' => '\n', 'r' => '\r', 't' => '\t', '0' => '\0', _ => e });
                continue;
            }
            text.Append(c);
        }
    }

    private object? ReadVariable()
    {
        _pos++;
        var name = ReadBareword().ToLowerInvariant();
        return name switch
        {
            "true" => true,
            "false" => false,
            "null" => null,
            _ => throw Error($"variable ${name} is not allowed in a data file"),
        };
    }

    private object ReadNumber()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '.' || _text[_pos] == '-')) _pos++;
        var token = _text.Substring(start, _pos - start);
        if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        throw Error($"'{token}' is not a number");
    }

    private string ReadBareword()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_' || _text[_pos] == '-')) _pos++;
        if (_pos == start) throw Error("expected a name");
        return _text.Substring(start, _pos - start);
    }

    private void SkipTrivia(bool newlines, bool semicolons = false)
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == ' ' || c == '\t' || (newlines && (c == '\r' || c == '\n')) || (semicolons && c == ';')) { _pos++; continue; }
            if (c == '#') { while (_pos < _text.Length && _text[_pos] != '\n') _pos++; continue; }
            if (c == '<' && PeekAt(1) == '#')
            {
                var end = _text.IndexOf("#>", _pos + 2, StringComparison.Ordinal);
                if (end < 0) throw Error("unterminated block comment");
                _pos = end + 2;
                continue;
            }
            if (c == '`' && (PeekAt(1) == '\n' || PeekAt(1) == '\r')) { _pos += 2; continue; }
            break;
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';
    private char PeekAt(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    /// <summary>a, b, c: flattened into the @( ) that holds it, unlike a nested @( ).</summary>
    private sealed class CommaList : List<object?>
    {
    }

    private FormatException Error(string what)
    {
        var line = 1;
        for (var i = 0; i < _pos && i < _text.Length; i++) if (_text[i] == '\n') line++;
        return new FormatException($"psd1 line {line}: {what}");
    }
}
