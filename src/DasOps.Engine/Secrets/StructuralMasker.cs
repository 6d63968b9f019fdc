using System.Text.RegularExpressions;

namespace DasOps.Engine.Secrets;

/// <summary>
/// Masks secrets by where they stand, not by what they are: the value of every XML element, named element, attribute
/// and property whose name ends in "password" (Password, SvnPassword, KeyPassword, trustStorePassword; not
/// PasswordJavaRegEx or PasswordDigest, which are settings), on both sides of a diff. So an old password (which the run no longer
/// knows) never shows after a password change, and a short password cannot mask half the file. Used on a display copy
/// only; the files written are never touched by it.
/// </summary>
public static class StructuralMasker
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Singleline;

    // <Password>, <password>, <SvnPassword>, <KeyPassword>, <TrustStorePassword>, ... with text or CDATA content.
    private static readonly Regex PasswordElement = new Regex(
        @"(?<open><(?<tag>[\w:.-]*password)(?:\s[^>]*)?>)(?<value>(?:<!\[CDATA\[.*?\]\]>|[^<])+)(?<close></\k<tag>\s*>)", Options);

    // <Property name="password">, <parameter name="KeyStorePassword">, <Property name="ConnectionPassword"> ...
    private static readonly Regex NamedPasswordElement = new Regex(
        @"(?<open><(?<tag>[\w:.-]+)\s[^>]*\bname\s*=\s*[""'][^""']*password[""'][^>]*>)(?<value>(?:<!\[CDATA\[.*?\]\]>|[^<])+)(?<close></\k<tag>\s*>)", Options);

    // password="...", keyPassword='...'
    private static readonly Regex PasswordAttribute = new Regex(
        @"(?<open>\b[\w:.-]*password\s*=\s*(?<q>[""']))(?<value>.*?)(?<close>\k<q>)", Options);

    // password=..., javax.net.ssl.trustStorePassword: ..., export DB_PASSWORD=..., and a YAML item's "- password: ..."
    private static readonly Regex PasswordProperty = new Regex(
        @"(?<open>^[ \t]*(?:-[ \t]+)?(?:export[ \t]+)?[\w.-]*password[ \t]*[=:][ \t]*)(?<value>[^\r\n]*\S)(?<close>)", Options | RegexOptions.Multiline);

    /// <summary>The text with every structurally secret value replaced by <see cref="SecretMasker.Mask"/>.</summary>
    public static string Apply(string path, string text)
    {
        if (path.EndsWith(".xml", System.StringComparison.OrdinalIgnoreCase))
        {
            text = PasswordElement.Replace(text, Masked);
            text = NamedPasswordElement.Replace(text, Masked);
            return PasswordAttribute.Replace(text, Masked);
        }
        return PasswordProperty.Replace(text, Masked);
    }

    private static string Masked(Match m) =>
        m.Groups["open"].Value + (m.Groups["value"].Value.Trim().Length == 0 ? m.Groups["value"].Value : SecretMasker.Mask) + m.Groups["close"].Value;
}
