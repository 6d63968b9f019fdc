using System;
using System.Text;

namespace DasOps.Engine.Config.Text;

/// <summary>
/// A config file's text plus what must survive a rewrite: its byte-order mark and its line ending.
/// Stock WSO2 files are ASCII/UTF-8; axis2.xml uses CRLF, the rest LF.
/// </summary>
public sealed class TextContent
{
    private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false, true);

    private TextContent(string text, bool hasBom)
    {
        Text = text;
        HasBom = hasBom;
    }

    public string Text { get; }
    public bool HasBom { get; }

    public string NewLine => DetectNewLine(Text);

    public static TextContent Decode(byte[] bytes, string path)
    {
        var hasBom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        try
        {
            return new TextContent(Utf8.GetString(bytes, hasBom ? 3 : 0, bytes.Length - (hasBom ? 3 : 0)), hasBom);
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException($"{path}: not UTF-8 text; DasOps edits only UTF-8/ASCII configuration files.");
        }
    }

    public byte[] Encode(string text)
    {
        var body = Utf8.GetBytes(text);
        if (!HasBom) return body;
        var result = new byte[body.Length + 3];
        result[0] = 0xEF;
        result[1] = 0xBB;
        result[2] = 0xBF;
        Buffer.BlockCopy(body, 0, result, 3, body.Length);
        return result;
    }

    public static string DetectNewLine(string text)
    {
        var lf = text.IndexOf('\n');
        return lf > 0 && text[lf - 1] == '\r' ? "\r\n" : "\n";
    }
}
