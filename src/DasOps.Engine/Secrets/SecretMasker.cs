using System;
using System.Collections.Generic;
using System.Linq;
using DasOps.Engine.Config.Xml;

namespace DasOps.Engine.Secrets;

/// <summary>
/// Replaces every secret of the run, raw or as it appears escaped in XML or SQL, with a fixed mask before text is
/// shown. In logs, verbose output and errors every secret is masked, however short. In diffs it is the second net
/// behind <see cref="StructuralMasker"/>, for values of at least <see cref="MinimumLength"/> characters only: masking
/// every "x" of a diff would garble it and reveal the password by its gaps.
/// </summary>
public static class SecretMasker
{
    public const string Mask = "********";

    public const int MinimumLength = 4;

    public static string Apply(string text, IEnumerable<string> secrets) => Apply(text, secrets, 1);

    /// <summary>Masks the secrets of at least <paramref name="minimumLength"/> characters.</summary>
    public static string Apply(string text, IEnumerable<string> secrets, int minimumLength)
    {
        foreach (var form in Forms(secrets.Where(s => s != null && s.Length >= minimumLength)).OrderByDescending(f => f.Length))
        {
            text = text.Replace(form, Mask);
        }
        return text;
    }

    private static IEnumerable<string> Forms(IEnumerable<string> secrets)
    {
        foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)))
        {
            yield return secret;
            yield return XmlTextEscaping.EscapeText(secret);
            yield return XmlTextEscaping.EscapeAttribute(secret, '"');
            yield return XmlTextEscaping.EscapeAttribute(secret, '\'');
            yield return secret.Replace("\\", "\\\\").Replace("'", "\\'"); // inside a SQL string literal
        }
    }
}
