using System.IO;
using DasOps.Engine.Database;
using DasOps.Engine.Secrets;
using DasOps.Engine.Tests.Support;
using Xunit;

namespace DasOps.Engine.Tests.Database;

public class DatabaseSyntaxTests
{
    [Theory]
    [InlineData("10.11.6-MariaDB-0+deb12u1", true, "mysql5.7.sql", true)]
    [InlineData("10.1.48-MariaDB", true, "mysql.sql", true)]
    [InlineData("10.0.38-MariaDB", true, "mysql.sql", false)]
    [InlineData("8.0.36", false, "mysql5.7.sql", true)]
    [InlineData("5.7.44-log", false, "mysql5.7.sql", true)]
    [InlineData("5.7.5-m15", false, "mysql5.7.sql", false)]
    [InlineData("5.6.51", false, "mysql.sql", false)]
    public void Server_version_decides_the_script_and_the_create_user_form(string text, bool mariaDb, string script, bool ifNotExists)
    {
        var version = ServerVersion.Parse(text);
        Assert.Equal(mariaDb, version.IsMariaDb);
        Assert.Equal(script, version.CarbonScriptName);
        Assert.Equal(ifNotExists, version.SupportsCreateUserIfNotExists);
    }

    [Fact]
    public void Sql_literals_escape_quotes_and_backslashes_and_identifiers_must_be_plain()
    {
        Assert.Equal(@"'a\'b\\c""d'", SqlText.Literal(@"a'b\c""d"));
        Assert.Equal("`userdb`", SqlText.Identifier("userdb"));
        Assert.Throws<System.ArgumentException>(() => SqlText.Identifier("user`db"));
        Assert.Throws<System.ArgumentException>(() => SqlText.Identifier("a; DROP DATABASE b"));
        Assert.Throws<System.ArgumentException>(() => SqlText.Account("u", "10.0.0.1' OR '1"));
        Assert.Equal("'wso2'@'10.0.0.%'", SqlText.Account("wso2", "10.0.0.%"));
    }

    [Fact]
    public void The_masker_hides_a_password_inside_a_sql_literal()
    {
        const string secret = "x'y\\z";
        var sql = "CREATE USER 'u'@'h' IDENTIFIED BY " + SqlText.Literal(secret) + ";";
        Assert.Equal("CREATE USER 'u'@'h' IDENTIFIED BY '********';", SecretMasker.Apply(sql, new[] { secret }));
    }

    [Theory]
    [InlineData("mysql.sql")]
    [InlineData("mysql5.7.sql")]
    public void The_real_carbon_scripts_create_forty_tables(string name)
    {
        var script = new CarbonSchemaScript(name, File.ReadAllText(Path.Combine(RepoPaths.DasStock, "dbscripts", name)));
        Assert.Equal(40, script.Tables.Count);
        Assert.Contains("UM_HYBRID_REMEMBER_ME", script.Tables);
        Assert.DoesNotContain("REG_ASSOCIATIONS", script.Tables); // commented out in the script
        Assert.Equal(SchemaState.Absent, script.StateOf(new string[0]));
        Assert.Equal(SchemaState.Partial, script.StateOf(new[] { "um_tenant" }));
        Assert.Equal(SchemaState.Complete, script.StateOf(script.Tables));
    }
}
