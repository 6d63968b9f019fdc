using System.Collections.Generic;

namespace DasOps.Engine.Config.Xml;

/// <summary>Maps a character offset to a 1-based line and column for positions and error messages.</summary>
internal sealed class XmlTextLineMap
{
    private readonly string _text;
    private readonly List<int> _lineStarts = new List<int> { 0 };

    public XmlTextLineMap(string text)
    {
        _text = text;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            // CRLF, lone LF and lone CR each end a line, as in XML end-of-line handling.
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            if (c == '\r' || c == '\n') _lineStarts.Add(i + 1);
        }
    }

    public void GetPosition(int offset, out int line, out int column)
    {
        int lo = 0, hi = _lineStarts.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (_lineStarts[mid] <= offset) lo = mid;
            else hi = mid - 1;
        }
        int start = _lineStarts[lo];
        // Columns count characters, so the second half of a surrogate pair does not add a column.
        int col = 1;
        for (int i = start; i < offset && i < _text.Length; i++)
        {
            if (!char.IsLowSurrogate(_text[i]) || i == start || !char.IsHighSurrogate(_text[i - 1])) col++;
        }
        line = lo + 1;
        column = col;
    }
}
