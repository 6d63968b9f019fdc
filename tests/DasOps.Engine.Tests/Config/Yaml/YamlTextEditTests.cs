using System;
using System.Collections.Generic;
using System.IO;
using DasOps.Engine.Config.Yaml;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace DasOps.Engine.Tests.Config.Yaml;

public sealed class YamlTextEditTests
{
    [Theory]
    [InlineData("plain-value")]
    [InlineData("p<&\"'$;ss")]
    [InlineData("x # not a comment")]
    [InlineData("key: value")]
    [InlineData("- dash")]
    [InlineData("{flow}")]
    [InlineData("true")]
    [InlineData("0755")]
    [InlineData("'quoted'")]
    [InlineData(" leading and trailing ")]
    [InlineData("@at")]
    [InlineData("")]
    public void A_string_set_is_read_back_as_that_string_by_YamlDotNet(string value)
    {
        var document = YamlTextDocument.Parse("a:\n  password: old # the admin's\n", "t");
        document.SetScalar("a/password", value);
        var text = document.ToString();
        Assert.EndsWith(" # the admin's\n", text);
        Assert.Equal(value, Read(text, "a", "password"));
        Assert.Equal(value, YamlTextDocument.Parse(text, "t").ValueOf("a/password"));
    }

    [Fact]
    public void A_double_quoted_value_stays_double_quoted_and_escapes_what_it_must()
    {
        var document = YamlTextDocument.Parse("k: \"old\"\n", "t");
        document.SetScalar("k", "a\"b\\c");
        Assert.Equal("k: \"a\\\"b\\\\c\"\n", document.ToString());
        Assert.Equal("a\"b\\c", Read(document.ToString(), "k"));
    }

    [Fact]
    public void Windows_line_endings_and_a_missing_final_newline_are_kept()
    {
        var document = YamlTextDocument.Parse("# c\r\na:\r\n  b: 1\r\n  c: 2", "t");
        document.SetScalar("a/b", 5);
        document.SetScalar("a/d", "new");
        Assert.Equal("# c\r\na:\r\n  b: 5\r\n  c: 2\r\n  d: new", document.ToString());
    }

    [Fact]
    public void Compact_and_indented_sequences_are_both_found_by_position_and_by_a_key()
    {
        const string text = "outer:\n  list:\n  - name: one\n    v: 1\n  - name: two\n    v: 2\n  other:\n    -\n      name: three\n";
        var document = YamlTextDocument.Parse(text, "t");
        Assert.Equal("2", document.ValueOf("outer/list[name=two]/v"));
        Assert.Equal("1", document.ValueOf("outer/list[0]/v"));
        Assert.Equal("three", document.ValueOf("outer/other[0]/name"));
        Assert.Null(document.Find("outer/list[2]"));
        document.SetScalar("outer/list[name=two]/v", 3);
        Assert.Equal(text.Replace("v: 2", "v: 3"), document.ToString());
    }

    [Fact]
    public void A_key_with_no_value_gets_one_and_a_missing_mapping_path_is_created()
    {
        var document = YamlTextDocument.Parse("a:\n  b:\nz: 1\n", "t");
        document.SetScalar("a/b", "x");
        document.SetScalar("c/d/e", 1);
        Assert.Equal("a:\n  b: x\nz: 1\nc:\n  d:\n    e: 1\n", document.ToString());
    }

    [Fact]
    public void A_new_entry_goes_after_the_mapping_s_last_line_and_before_the_comment_of_the_next_key()
    {
        var document = YamlTextDocument.Parse("a:\n  b: 1\n\n  # about c\nc: 2\n", "t");
        document.SetScalar("a/x", 9);
        Assert.Equal("a:\n  b: 1\n  x: 9\n\n  # about c\nc: 2\n", document.ToString());
    }

    [Fact]
    public void Setting_what_is_there_changes_no_byte()
    {
        const string text = "a:\n  b:   'x'    # keep my spacing\n  n: 10\n  l:\n    - host: h\n      port: 1\n";
        var document = YamlTextDocument.Parse(text, "t");
        document.SetScalar("a/b", "x");
        document.SetScalar("a/n", 10);
        document.ReplaceSequence("a/l", new List<object> { new YamlMap { { "host", "h" }, { "port", 1 } } });
        Assert.Equal(text, document.ToString());
    }

    [Theory]
    [InlineData("a:\n\tb: 1\n", 2, 1, "tab")]
    [InlineData("? complex\n: key\n", 1, 1, "explicit keys")]
    [InlineData("---\na: 1\n", 1, 1, "document markers")]
    [InlineData("a: 1\na: 2\n", 2, 1, "twice")]
    [InlineData("a:\n  b: 1\n  just words\nc: 1\n", 3, 3, "expected")]
    [InlineData("a: 'open\n", 1, 4, "quoted")]
    public void Yaml_the_editor_does_not_keep_is_refused_with_its_position(string text, int line, int column, string what)
    {
        var e = Assert.Throws<YamlTextException>(() => YamlTextDocument.Parse(text, "deployment.yaml"));
        Assert.StartsWith($"deployment.yaml:{line}:{column}: ", e.Message);
        Assert.Contains(what, e.Message);
    }

    [Fact]
    public void Writing_a_scalar_where_a_mapping_is_or_into_a_missing_item_is_an_error_and_changes_nothing()
    {
        const string text = "a:\n  b: 1\nl:\n  - name: x\n";
        var document = YamlTextDocument.Parse(text, "t");
        Assert.Throws<YamlTextException>(() => document.SetScalar("a", "flat"));
        Assert.Throws<YamlTextException>(() => document.SetScalar("l[name=y]/v", 1));
        Assert.Throws<YamlTextException>(() => document.Merge("a/b", new YamlMap { { "c", 1 } }));
        Assert.Equal(text, document.ToString());
    }

    private static string? Read(string text, params string[] keys)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        YamlNode node = stream.Documents[0].RootNode;
        foreach (var key in keys) node = ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        return ((YamlScalarNode)node).Value;
    }
}
