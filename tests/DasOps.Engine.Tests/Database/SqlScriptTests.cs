using System.IO;
using System.Linq;
using DasOps.Engine.Database;
using DasOps.Engine.Tests.Support;
using Xunit;

namespace DasOps.Engine.Tests.Database;

/// <summary>The script splitter reads a file as the mysql client does: delimiters, comments, quotes, and the line each statement starts on.</summary>
public class SqlScriptTests
{
    private static string[] Texts(string script) => SqlScript.Split(script).Select(s => s.Text).ToArray();

    [Fact]
    public void Statements_end_at_semicolons_and_remember_their_first_line()
    {
        var statements = SqlScript.Split("\n\nCREATE TABLE A (X INT);\nCREATE TABLE B (\n  Y INT\n);  INSERT INTO B VALUES (1);\n");
        Assert.Equal(new[] { "CREATE TABLE A (X INT)", "CREATE TABLE B (\n  Y INT\n)", "INSERT INTO B VALUES (1)" }, statements.Select(s => s.Text));
        Assert.Equal(new[] { 3, 4, 6 }, statements.Select(s => s.Line));
    }

    [Fact]
    public void Comments_are_dropped_and_do_not_move_a_statements_line()
    {
        var script = "-- a comment; with a semicolon\n# another; one\n/* block;\n comment */\nSELECT 1 -- trailing; comment\n, 2;\n/* c */ SELECT 3;";
        var statements = SqlScript.Split(script);
        Assert.Equal(new[] { "SELECT 1 \n, 2", "SELECT 3" }, statements.Select(s => s.Text));
        Assert.Equal(new[] { 5, 7 }, statements.Select(s => s.Line));
    }

    [Fact]
    public void Two_dashes_without_a_space_are_an_operator_not_a_comment()
    {
        Assert.Equal(new[] { "SELECT 5--1", "SELECT 2" }, Texts("SELECT 5--1;\nSELECT 2;"));
    }

    [Fact]
    public void Version_comments_are_code_and_are_kept()
    {
        Assert.Equal(new[] { "/*!40101 SET NAMES utf8 */", "SELECT 1" }, Texts("/*!40101 SET NAMES utf8 */;\nSELECT 1;"));
    }

    [Fact]
    public void Quotes_hide_semicolons_comment_markers_and_escaped_quotes()
    {
        var script = "INSERT INTO T VALUES ('a;b', \"c;d\", 'it''s; -- no', 'x\\';y', `we;ird`);\nSELECT '#not a comment';";
        Assert.Equal(new[] { "INSERT INTO T VALUES ('a;b', \"c;d\", 'it''s; -- no', 'x\\';y', `we;ird`)", "SELECT '#not a comment'" }, Texts(script));
    }

    [Fact]
    public void A_quoted_value_spanning_lines_counts_its_lines()
    {
        var statements = SqlScript.Split("SELECT 'one\ntwo';\nSELECT 3;");
        Assert.Equal(new[] { 1, 3 }, statements.Select(s => s.Line));
    }

    [Fact]
    public void Delimiter_blocks_keep_the_body_of_a_trigger_whole()
    {
        var script = "CREATE TABLE T (X INT);\nDELIMITER //\nCREATE TRIGGER TR BEFORE INSERT ON T\nFOR EACH ROW BEGIN\n  SET NEW.X = 1; -- inside\n  SET NEW.X = NEW.X + 1;\nEND//\ndelimiter ;\nSELECT 1;\n";
        var statements = SqlScript.Split(script);
        Assert.Equal(3, statements.Count);
        Assert.Equal("CREATE TRIGGER TR BEFORE INSERT ON T\nFOR EACH ROW BEGIN\n  SET NEW.X = 1; \n  SET NEW.X = NEW.X + 1;\nEND", statements[1].Text);
        Assert.Equal(new[] { 1, 3, 9 }, statements.Select(s => s.Line));
    }

    [Fact]
    public void A_last_statement_without_a_delimiter_still_runs_and_blank_statements_do_not()
    {
        Assert.Equal(new[] { "SELECT 1", "SELECT 2" }, Texts(";;\nSELECT 1;;\n  ;\nSELECT 2\n-- end"));
    }

    [Theory]
    [InlineData("mysql.sql")]
    [InlineData("mysql5.7.sql")]
    public void The_real_carbon_scripts_split_into_statements_that_each_start_on_their_line(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.DasStock, "dbscripts", name));
        var statements = SqlScript.Split(string.Join("\n", lines));
        Assert.Equal(40, statements.Count(s => s.Text.StartsWith("CREATE TABLE", System.StringComparison.OrdinalIgnoreCase)));
        foreach (var statement in statements)
        {
            var firstWord = statement.Text.Split(new[] { ' ', '\n', '\t', '(' }, 2)[0];
            Assert.Contains(firstWord, lines[statement.Line - 1]);
        }
    }
}
