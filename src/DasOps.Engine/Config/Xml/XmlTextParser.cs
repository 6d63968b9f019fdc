using System;
using System.Collections.Generic;

namespace DasOps.Engine.Config.Xml;

/// <summary>
/// A small, strict XML tokenizer that records the exact source text of every token. It accepts what a conforming
/// non-validating parser accepts for the files we edit (no external entities, no DTD-declared entities), and
/// reports errors with the position of the offending construct.
/// </summary>
internal sealed class XmlTextParser
{
    // Rendering and parsing are recursive; real configuration files are a few levels deep.
    private const int MaxDepth = 256;

    private readonly string _s;
    private readonly string _source;
    private readonly XmlTextLineMap _lines;
    private int _pos;

    private XmlTextParser(string text, string sourceName)
    {
        _s = text;
        _source = sourceName;
        _lines = new XmlTextLineMap(text);
    }

    /// <summary>Parses a whole document into its top-level nodes; exactly one of them is the root element.</summary>
    public static List<XmlTextNode> ParseDocument(string text, string sourceName)
    {
        return new XmlTextParser(text, sourceName).ParseDocument();
    }

    private List<XmlTextNode> ParseDocument()
    {
        var nodes = new List<XmlTextNode>();
        XmlTextElement? root = null;
        bool seenDocType = false;
        if (_s.Length > 0 && _s[0] == '\uFEFF')
        {
            nodes.Add(new XmlTextNode(XmlTextNodeKind.ByteOrderMark, "\uFEFF"));
            _pos = 1;
        }
        int declarationPos = _pos;

        while (_pos < _s.Length)
        {
            if (_s[_pos] != '<')
            {
                int start = _pos;
                while (_pos < _s.Length && _s[_pos] != '<')
                {
                    if (!XmlTextChars.IsWhitespace(_s[_pos]))
                    {
                        throw Error(_pos, root == null
                            ? "text is not allowed before the root element"
                            : "text is not allowed after the root element");
                    }
                    _pos++;
                }
                nodes.Add(new XmlTextNode(XmlTextNodeKind.Text, _s.Substring(start, _pos - start)));
            }
            else if (At("<!--"))
            {
                nodes.Add(ReadComment());
            }
            else if (At("<?"))
            {
                nodes.Add(ReadProcessingInstruction(_pos == declarationPos));
            }
            else if (At("<!DOCTYPE"))
            {
                if (root != null || seenDocType) throw Error(_pos, "DOCTYPE is only allowed once, before the root element");
                seenDocType = true;
                nodes.Add(ReadDocType());
            }
            else if (At("</"))
            {
                throw Error(_pos, "end tag without a matching start tag");
            }
            else if (At("<!"))
            {
                throw Error(_pos, "CDATA sections and declarations are not allowed outside the root element");
            }
            else
            {
                if (root != null) throw Error(_pos, "only one root element is allowed");
                root = ReadElement(null, 0);
                nodes.Add(new XmlTextNode(root));
            }
        }

        if (root == null) throw Error(_pos, "no root element");
        return nodes;
    }

    private XmlTextElement ReadElement(XmlTextElement? parent, int depth)
    {
        int lt = _pos;
        _pos++;
        string name = ReadName("element name");
        _lines.GetPosition(lt, out int line, out int column);
        var element = new XmlTextElement(name, line, column) { Parent = parent };
        if (ReadAttributes(element, lt)) return element;
        if (depth >= MaxDepth) throw Error(lt, $"elements are nested more than {MaxDepth} levels deep");

        while (true)
        {
            if (_pos >= _s.Length)
            {
                throw Error(lt, $"element <{name}> is not closed (end of input reached)");
            }
            if (_s[_pos] != '<')
            {
                element.Children.Add(ReadText());
            }
            else if (At("</"))
            {
                int endTag = _pos;
                _pos += 2;
                string endName = ReadName("end tag name");
                if (endName != name)
                {
                    throw Error(endTag, $"end tag </{endName}> does not match start tag <{name}> at line {line}, column {column}");
                }
                SkipWhitespace();
                if (_pos >= _s.Length || _s[_pos] != '>') throw Error(_pos, $"expected '>' to close end tag </{name}>");
                _pos++;
                element.EndTag = _s.Substring(endTag, _pos - endTag);
                return element;
            }
            else if (At("<!--"))
            {
                element.Children.Add(ReadComment());
            }
            else if (At("<![CDATA["))
            {
                element.Children.Add(ReadCData());
            }
            else if (At("<?"))
            {
                element.Children.Add(ReadProcessingInstruction(false));
            }
            else if (At("<!"))
            {
                throw Error(_pos, "declarations are not allowed inside an element");
            }
            else
            {
                var child = ReadElement(element, depth + 1);
                element.Children.Add(new XmlTextNode(child));
            }
        }
    }

    // Reads attributes up to and including '>' or '/>'; returns true for a self-closing tag.
    private bool ReadAttributes(XmlTextElement element, int lt)
    {
        while (true)
        {
            int wsStart = _pos;
            SkipWhitespace();
            string ws = _s.Substring(wsStart, _pos - wsStart);
            if (_pos >= _s.Length) throw Error(lt, $"start tag <{element.Name}> is not closed (end of input reached)");
            char c = _s[_pos];
            if (c == '>' || c == '/')
            {
                if (c == '/' && (_pos + 1 >= _s.Length || _s[_pos + 1] != '>')) throw Error(_pos, "expected '>' after '/'");
                element.StartTagTrailing = ws;
                element.IsSelfClosing = c == '/';
                _pos += c == '/' ? 2 : 1;
                return element.IsSelfClosing;
            }
            if (ws.Length == 0) throw Error(_pos, "whitespace is required before an attribute");

            int namePos = _pos;
            string name = ReadName("attribute name");
            if (element.FindAttribute(name) != null) throw Error(namePos, $"duplicate attribute '{name}'");
            int sepStart = _pos;
            SkipWhitespace();
            if (_pos >= _s.Length || _s[_pos] != '=') throw Error(_pos, $"expected '=' after attribute name '{name}'");
            _pos++;
            SkipWhitespace();
            string separator = _s.Substring(sepStart, _pos - sepStart);
            if (_pos >= _s.Length || (_s[_pos] != '"' && _s[_pos] != '\''))
            {
                throw Error(_pos, $"value of attribute '{name}' must be quoted");
            }
            char quote = _s[_pos];
            int open = _pos++;
            int valueStart = _pos;
            while (true)
            {
                if (_pos >= _s.Length) throw Error(open, $"value of attribute '{name}' is not closed");
                char v = _s[_pos];
                if (v == quote) break;
                if (v == '<') throw Error(_pos, "'<' is not allowed in an attribute value (write &lt;)");
                if (v == '&') SkipReference();
                else _pos++;
            }
            string raw = _s.Substring(valueStart, _pos - valueStart);
            _pos++;
            element.AddAttribute(new XmlTextAttribute(ws, name, separator, quote, raw));
        }
    }

    private XmlTextNode ReadText()
    {
        int start = _pos;
        while (_pos < _s.Length && _s[_pos] != '<')
        {
            char c = _s[_pos];
            if (c == '&')
            {
                SkipReference();
                continue;
            }
            if (c == '>' && _pos >= start + 2 && _s[_pos - 1] == ']' && _s[_pos - 2] == ']')
            {
                throw Error(_pos - 2, "']]>' is not allowed in text");
            }
            _pos++;
        }
        return new XmlTextNode(XmlTextNodeKind.Text, _s.Substring(start, _pos - start));
    }

    private void SkipReference()
    {
        if (XmlTextReferences.TryRead(_s, _pos, out int end, out string error) == null) throw Error(_pos, error);
        _pos = end;
    }

    private XmlTextNode ReadComment()
    {
        int start = _pos;
        int dashes = _s.IndexOf("--", start + 4, StringComparison.Ordinal);
        if (dashes < 0) throw Error(start, "comment is not closed (missing '-->')");
        if (dashes + 2 >= _s.Length || _s[dashes + 2] != '>')
        {
            throw Error(dashes, "'--' is not allowed inside a comment");
        }
        _pos = dashes + 3;
        return new XmlTextNode(XmlTextNodeKind.Comment, _s.Substring(start, _pos - start));
    }

    private XmlTextNode ReadCData()
    {
        int start = _pos;
        int end = _s.IndexOf("]]>", start + 9, StringComparison.Ordinal);
        if (end < 0) throw Error(start, "CDATA section is not closed (missing ']]>')");
        _pos = end + 3;
        return new XmlTextNode(XmlTextNodeKind.CData, _s.Substring(start, _pos - start));
    }

    private XmlTextNode ReadProcessingInstruction(bool declarationAllowed)
    {
        int start = _pos;
        _pos += 2;
        string target = ReadName("processing instruction target");
        bool isDeclaration = string.Equals(target, "xml", StringComparison.OrdinalIgnoreCase);
        if (isDeclaration && (!declarationAllowed || target != "xml"))
        {
            throw Error(start, "the XML declaration is only allowed at the very start of the document");
        }
        if (_pos < _s.Length && !XmlTextChars.IsWhitespace(_s[_pos]) && !At("?>"))
        {
            throw Error(_pos, "expected whitespace or '?>' after the processing instruction target");
        }
        int end = _s.IndexOf("?>", _pos, StringComparison.Ordinal);
        if (end < 0) throw Error(start, "processing instruction is not closed (missing '?>')");
        _pos = end + 2;
        var kind = isDeclaration ? XmlTextNodeKind.XmlDeclaration : XmlTextNodeKind.ProcessingInstruction;
        return new XmlTextNode(kind, _s.Substring(start, _pos - start));
    }

    // Kept verbatim; we only need to find its end, skipping quoted literals, comments and the internal subset.
    private XmlTextNode ReadDocType()
    {
        int start = _pos;
        _pos += 9;
        int depth = 0;
        while (_pos < _s.Length)
        {
            char c = _s[_pos];
            if (c == '"' || c == '\'')
            {
                int close = _s.IndexOf(c, _pos + 1);
                if (close < 0) break;
                _pos = close + 1;
                continue;
            }
            if (depth > 0 && At("<!--"))
            {
                ReadComment();
                continue;
            }
            if (c == '[') depth++;
            else if (c == ']') depth--;
            else if (c == '>' && depth <= 0)
            {
                _pos++;
                return new XmlTextNode(XmlTextNodeKind.DocType, _s.Substring(start, _pos - start));
            }
            _pos++;
        }
        throw Error(start, "DOCTYPE is not closed");
    }

    private string ReadName(string what)
    {
        int start = _pos;
        if (_pos >= _s.Length) throw Error(_pos, $"unexpected end of input, expected {what}");
        if (!XmlTextChars.IsNameStartChar(_s[_pos])) throw Error(_pos, $"invalid character '{_s[_pos]}' at start of {what}");
        _pos++;
        while (_pos < _s.Length && XmlTextChars.IsNameChar(_s[_pos])) _pos++;
        return _s.Substring(start, _pos - start);
    }

    private void SkipWhitespace()
    {
        while (_pos < _s.Length && XmlTextChars.IsWhitespace(_s[_pos])) _pos++;
    }

    private bool At(string token) => string.CompareOrdinal(_s, _pos, token, 0, token.Length) == 0;

    private XmlTextException Error(int offset, string what)
    {
        _lines.GetPosition(offset, out int line, out int column);
        return new XmlTextException(_source, line, column, what);
    }
}
