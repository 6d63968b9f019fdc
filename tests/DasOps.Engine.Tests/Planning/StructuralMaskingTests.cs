using DasOps.Engine.Planning;
using DasOps.Engine.Secrets;
using Xunit;

namespace DasOps.Engine.Tests.Planning;

/// <summary>
/// Diffs mask secrets by structure on both sides: an old password the run no longer knows never shows, a short password
/// does not garble the diff, and settings that merely mention passwords still show.
/// </summary>
public class StructuralMaskingTests
{
    private const string Datasource = "<datasource>\n  <url>jdbc:mysql://db:3306/userdb</url>\n  <username>das</username>\n  <password>{0}</password>\n</datasource>\n";

    private static string Diff(string path, string current, string desired, params string[] secrets) =>
        ConfigurationPlanner.MaskedDiff(path, current, desired, "a/" + path, "b/" + path, secrets);

    [Fact]
    public void After_a_password_change_neither_the_old_nor_the_new_password_shows()
    {
        var diff = Diff("master-datasources.xml", string.Format(Datasource, "OldSecret-1"), string.Format(Datasource, "NewSecret-2"), "NewSecret-2");
        Assert.DoesNotContain("OldSecret-1", diff);
        Assert.DoesNotContain("NewSecret-2", diff);
        Assert.Contains("only secret values differ", diff);
    }

    [Fact]
    public void A_short_password_neither_shows_nor_garbles_the_rest_of_the_diff()
    {
        var current = string.Format(Datasource, "old").Replace("userdb", "userdb_x");
        var desired = string.Format(Datasource, "x");
        var diff = Diff("master-datasources.xml", current, desired, "x");
        Assert.Contains("-  <url>jdbc:mysql://db:3306/userdb_x</url>", diff);
        Assert.Contains("+  <url>jdbc:mysql://db:3306/userdb</url>", diff);
        Assert.DoesNotContain("<password>x</password>", diff);
        Assert.DoesNotContain("<password>old</password>", diff);
        Assert.Contains("<password>" + SecretMasker.Mask + "</password>", diff);
    }

    [Theory]
    [InlineData("<SvnPassword>s3cr3t-a</SvnPassword>", "<SvnPassword>s3cr3t-b</SvnPassword>")]
    [InlineData("<KeyStore><Password>s3cr3t-a</Password><KeyPassword>s3cr3t-a</KeyPassword></KeyStore>", "<KeyStore><Password>s3cr3t-b</Password><KeyPassword>s3cr3t-b</KeyPassword></KeyStore>")]
    [InlineData("<Property name=\"ConnectionPassword\">s3cr3t-a</Property>", "<Property name=\"ConnectionPassword\">s3cr3t-b</Property>")]
    [InlineData("<password><![CDATA[s3cr3t-a]]></password>", "<password><![CDATA[s3cr3t-b]]></password>")]
    [InlineData("<store keyStorePassword=\"s3cr3t-a\"/>", "<store keyStorePassword='s3cr3t-b'/>")]
    public void Every_password_bearing_element_and_attribute_is_masked(string before, string after)
    {
        var diff = Diff("repository/conf/carbon.xml", "<c>\n" + before + "\n<x>1</x>\n</c>\n", "<c>\n" + after + "\n<x>2</x>\n</c>\n");
        Assert.DoesNotContain("s3cr3t", diff);
        Assert.Contains("+<x>2</x>", diff);
    }

    [Fact]
    public void Password_properties_are_masked_in_properties_and_shell_files()
    {
        var diff = Diff("conf/spark-defaults.conf", "a=1\njavax.net.ssl.trustStorePassword=s3cr3t-a\n", "a=2\njavax.net.ssl.trustStorePassword = s3cr3t-b\n");
        Assert.DoesNotContain("s3cr3t", diff);
        Assert.Contains("+a=2", diff);
        var script = Diff("bin/x.sh", "export DB_PASSWORD=s3cr3t-a\nY=1\n", "export DB_PASSWORD=s3cr3t-b\nY=2\n");
        Assert.DoesNotContain("s3cr3t", script);
    }

    [Fact]
    public void Settings_that_only_mention_passwords_still_show()
    {
        var diff = Diff("repository/conf/user-mgt.xml",
            "<Property name=\"PasswordJavaRegEx\">^[\\S]{5,30}$</Property>\n",
            "<Property name=\"PasswordJavaRegEx\">^[\\S]{8,30}$</Property>\n");
        Assert.Contains("{8,30}", diff);
    }

    [Fact]
    public void In_diffs_value_masking_is_the_second_net_for_values_of_four_characters_or_more()
    {
        Assert.Equal("url=db-" + SecretMasker.Mask, SecretMasker.Apply("url=db-hunter2", new[] { "hunter2" }, SecretMasker.MinimumLength));
        Assert.Equal("xml box", SecretMasker.Apply("xml box", new[] { "x" }, SecretMasker.MinimumLength));
    }

    [Fact]
    public void In_logs_and_errors_a_short_secret_is_still_masked()
    {
        Assert.Equal("login as root with " + SecretMasker.Mask + "y failed", SecretMasker.Apply("login as root with xy failed", new[] { "x" }));
        Assert.DoesNotContain("pw1", SecretMasker.Apply("access denied for pw1", new[] { "pw1" }));
    }
}
