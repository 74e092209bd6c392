using System.Text;
using Wand.Jobs;

namespace Wand.Generation;

/// <summary>Replies as LLMs write them, and what Wand takes from each.</summary>
public sealed class ReplyParserTests
{
    private const string Stats = "def median(values):\n    ordered = sorted(values)\n    mid = len(ordered) // 2\n    return (ordered[mid] + ordered[mid + 1]) / 2\n";
    private const string Fixed = "def median(values):\n    ordered = sorted(values)\n    mid = len(ordered) // 2\n    return (ordered[mid - 1] + ordered[mid]) / 2\n";

    private static readonly JobFile[] Files = [new("stats.py", Encoding.UTF8.GetBytes(Stats)), new("test_stats.py", "def test(): pass\n"u8.ToArray())];
    private static readonly HashSet<string> Editable = new(["stats.py"], StringComparer.Ordinal);

    [Theory]
    [InlineData("The index was off by one.\n\n```stats.py\n{0}```\n")]
    [InlineData("The index was off by one.\n\n```python stats.py\n{0}```\n")]
    [InlineData("Fix:\n\n**stats.py**\n```python\n{0}```")]
    [InlineData("### stats.py\n\n```python\n{0}```")]
    [InlineData("```python\n{0}```")]
    public void Parse_WholeFile_InTheWaysRepliesNameIt(string reply)
    {
        var parsed = ReplyParser.Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, reply, Fixed), Files, Editable);

        Assert.True(parsed.IsUsable, parsed.Problem);
        var change = Assert.Single(parsed.Changes);
        Assert.Equal("stats.py", change.Path);
        Assert.Equal(Fixed, Encoding.UTF8.GetString(change.Content));
    }

    [Fact]
    public void Parse_UnifiedDiffWithWrongLineNumbers_IsApplied()
    {
        const string reply = """
            ```diff
            --- a/stats.py
            +++ b/stats.py
            @@ -10,3 +10,3 @@
                 mid = len(ordered) // 2
            -    return (ordered[mid] + ordered[mid + 1]) / 2
            +    return (ordered[mid - 1] + ordered[mid]) / 2
            ```
            """;

        var parsed = ReplyParser.Parse(reply, Files, Editable);

        Assert.True(parsed.IsUsable, parsed.Problem);
        Assert.Equal(Fixed, Encoding.UTF8.GetString(Assert.Single(parsed.Changes).Content));
    }

    [Fact]
    public void Parse_ADiffThatDoesNotMatch_IsAProblemNotACrash()
    {
        const string reply = "```diff\n--- a/stats.py\n+++ b/stats.py\n@@ -1,1 +1,1 @@\n-def average(values):\n+def mean(values):\n```\n";

        var parsed = ReplyParser.Parse(reply, Files, Editable);

        Assert.False(parsed.IsUsable);
        Assert.Equal("the diff for stats.py does not match its content", parsed.Problem);
    }

    [Fact]
    public void Parse_ChangingATest_IsIgnoredAndSaid()
    {
        var parsed = ReplyParser.Parse($"```test_stats.py\ndef test(): assert True\n```\n```stats.py\n{Fixed}```\n", Files, Editable);

        Assert.Equal(["stats.py"], parsed.Changes.Select(c => c.Path));
        Assert.Equal(["test_stats.py"], parsed.Ignored);
    }

    [Fact]
    public void Parse_OnlyATestChanged_IsNotUsable()
    {
        var parsed = ReplyParser.Parse("```test_stats.py\ndef test(): assert True\n```\n", Files, Editable);

        Assert.False(parsed.IsUsable);
        Assert.Contains("only files it may not change (test_stats.py)", parsed.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I cannot help with that.", "the reply has no code")]
    [InlineData("```stats.py\ndef median(values):\n    return 0\n", "the reply has no code")]
    [InlineData("", "the reply has no code")]
    public void Parse_NoUsableCode_SaysWhy(string reply, string problem)
    {
        var parsed = ReplyParser.Parse(reply, Files, Editable);

        Assert.False(parsed.IsUsable);
        Assert.Equal(problem, parsed.Problem);
    }

    [Fact]
    public void Parse_TheSameCodeBack_IsNotAChange() =>
        Assert.Equal("the reply's code is the same as the current code", ReplyParser.Parse($"```stats.py\n{Stats}```", Files, Editable).Problem);

    [Fact]
    public void Parse_AFileShownOnlyInParts_IsNeverTakenWhole_ButItsEditsApplyToTheWholeFile()
    {
        var whole = ReplyParser.Parse($"```stats.py\n{Fixed}```\n", Files, Editable, ["stats.py"]);
        var edit = ReplyParser.Parse(
            "stats.py\n<<<<<<< SEARCH\n    return (ordered[mid] + ordered[mid + 1]) / 2\n=======\n    return (ordered[mid - 1] + ordered[mid]) / 2\n>>>>>>> REPLACE\n",
            Files, Editable, ["stats.py"]);

        Assert.False(whole.IsUsable);
        Assert.Equal("the reply gives stats.py whole, which it was shown only in parts: it is changed with SEARCH/REPLACE edits", whole.Problem);
        Assert.Equal(Fixed, Encoding.UTF8.GetString(Assert.Single(edit.Changes).Content));
    }
}
