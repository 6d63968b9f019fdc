using System;
using System.Collections.Generic;
using System.Linq;
using DasOps.Engine.Config.Xml;

namespace DasOps.Engine.Secrets;

/// <summary>
/// Replaces every secret of the run, raw or as it appears escaped in XML or SQL, with a fixed mask before text is
/// shown. The second net behind <see cref="StructuralMasker"/>: only values of at least <see cref="MinimumLength"/>
/// characters, since masking every "x" in a diff would garble it and reveal the password by its gaps.
/// </summary>
public static class SecretMasker
{
    public const string Mask = "********";

    public const int MinimumLength = 4;

    public static string Apply(string text, IEnumerable<string> secrets)
    {
        foreach (var form in Forms(secrets).OrderByDescending(f => f.Length))
        {
            text = text.Replace(form, Mask);
        }
        return text;
    }

    private static IEnumerable<string> Forms(IEnumerable<string> secrets)
    {
        foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s) && s.Length >= MinimumLength))
        {
            yield return secret;
            yield return XmlTextEscaping.EscapeText(secret);
            yield return XmlTextEscaping.EscapeAttribute(secret, '"');
            yield return XmlTextEscaping.EscapeAttribute(secret, '\'');
            yield return secret.Replace("\\", "\\\\").Replace("'", "\\'"); // inside a SQL string literal
        }
    }
}
