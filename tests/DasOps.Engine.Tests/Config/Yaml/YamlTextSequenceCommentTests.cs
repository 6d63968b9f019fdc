using System.Collections.Generic;
using DasOps.Engine.Config.Yaml;
using Xunit;

namespace DasOps.Engine.Tests.Config.Yaml;

/// <summary>
/// ReplaceSequence with the list that is already there changes nothing, comments included, and MergeAfterComment
/// places a new top-level block after a commented-out sample.
/// </summary>
public sealed class YamlTextSequenceCommentTests
{
    [Fact]
    public void An_unchanged_sequence_keeps_its_comment_lines_and_trailing_comments()
    {
        const string text = "managers:\n  - host: 10.0.0.1   # primary\n    port: 9543\n  # the standby\n  - host: 10.0.0.2\n    port: 9543\nafter: 1\n";
        var document = YamlTextDocument.Parse(text, "t.yaml");
        document.ReplaceSequence("managers", new List<object>
        {
            new YamlMap { { "host", "10.0.0.1" }, { "port", 9543 } },
            new YamlMap { { "host", "10.0.0.2" }, { "port", 9543 } },
        });
        Assert.Equal(text, document.ToString());
    }

    [Fact]
    public void A_quoted_value_holding_space_hash_is_not_taken_for_a_comment()
    {
        const string text = "tags:\n  - 'a #b'   # keep me\n  - plain\n";
        var document = YamlTextDocument.Parse(text, "t.yaml");
        document.ReplaceSequence("tags", new List<object> { "a #b", "plain" });
        Assert.Equal(text, document.ToString());

        document.ReplaceSequence("tags", new List<object> { "a #c", "plain" });
        Assert.Equal("tags:\n  - 'a #c'\n  - plain\n", document.ToString());
    }

    [Fact]
    public void A_changed_sequence_is_rewritten_and_the_rest_stays()
    {
        const string text = "# head\nlist:\n  - a\n  - b\nafter: 1   # tail\n";
        var document = YamlTextDocument.Parse(text, "t.yaml");
        document.ReplaceSequence("list", new List<object> { "a", "c" });
        Assert.Equal("# head\nlist:\n  - a\n  - c\nafter: 1   # tail\n", document.ToString());
    }

    [Fact]
    public void MergeAfterComment_puts_a_new_block_after_the_sample_and_merges_in_place_once_it_exists()
    {
        const string text = "a: 1\n\n  # Sample\n#x:\n#  v: 2\n\n  # other\nb: 2\n";
        var document = YamlTextDocument.Parse(text, "t.yaml");
        document.MergeAfterComment("x", new YamlMap { { "v", 3 } }, "# Sample");
        Assert.Equal("a: 1\n\n  # Sample\n#x:\n#  v: 2\n\nx:\n  v: 3\n\n  # other\nb: 2\n", document.ToString());

        document.MergeAfterComment("x", new YamlMap { { "v", 4 } }, "# Sample");
        Assert.Equal("a: 1\n\n  # Sample\n#x:\n#  v: 2\n\nx:\n  v: 4\n\n  # other\nb: 2\n", document.ToString());
    }

    [Fact]
    public void MergeAfterComment_without_the_sample_appends_as_Merge_does()
    {
        const string text = "a: 1\n# trailing\n";
        var document = YamlTextDocument.Parse(text, "t.yaml");
        document.MergeAfterComment("x", new YamlMap { { "v", 3 } }, "# Sample");
        Assert.Equal("a: 1\nx:\n  v: 3\n# trailing\n", document.ToString());
    }
}
