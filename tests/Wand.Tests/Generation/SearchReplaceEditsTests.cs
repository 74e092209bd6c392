using System.Text;
using Wand.Jobs;

namespace Wand.Generation;

/// <summary>SEARCH/REPLACE edits as models write them, right and in the ways they get them wrong.</summary>
public sealed class SearchReplaceEditsTests
{
    // A long file: a reply that rewrote it whole would cost thousands of tokens for a one-line fix.
    private static readonly string Stats = string.Concat(Enumerable.Range(0, 400).Select(i => $"def helper_{i}(x):\n    return x + {i}\n\n\n"))
        + "def median(values):\n    ordered = sorted(values)\n    mid = len(ordered) // 2\n    return (ordered[mid] + ordered[mid + 1]) / 2\n";

    private static readonly JobFile[] Files = [new("src/stats.py", Encoding.UTF8.GetBytes(Stats)), new("tests/test_stats.py", "def test(): pass\n"u8.ToArray())];
    private static readonly HashSet<string> Editable = new(["src/stats.py"], StringComparer.Ordinal);

    private const string Fix = """
        The median took the wrong middle pair.

        src/stats.py
        <<<<<<< SEARCH
            return (ordered[mid] + ordered[mid + 1]) / 2
        =======
            return (ordered[mid - 1] + ordered[mid]) / 2
        >>>>>>> REPLACE
        """;

    [Fact]
    public void Parse_AnEditOfALongFile_ChangesOnlyItsLines()
    {
        var parsed = ReplyParser.Parse(Fix, Files, Editable);

        Assert.True(parsed.IsUsable, parsed.Problem);
        Assert.Equal(Stats.Replace("ordered[mid] + ordered[mid + 1]", "ordered[mid - 1] + ordered[mid]", StringComparison.Ordinal), Text(Assert.Single(parsed.Changes)));
    }

    [Fact]
    public void Parse_AnEditInAFenceNamedByItsInfoString_IsApplied()
    {
        var reply = "```python src/stats.py\n" + Fix[Fix.IndexOf("<<<<<<<", StringComparison.Ordinal)..] + "\n```\n";

        Assert.True(ReplyParser.Parse(reply, Files, Editable).IsUsable);
    }

    [Fact]
    public void Parse_StaleIndentationAndTrailingSpaces_StillFindTheLines_AndTheFilesIndentationIsKept()
    {
        var reply = "src/stats.py\n<<<<<<< SEARCH\nreturn (ordered[mid] + ordered[mid + 1]) / 2   \n=======\nreturn (ordered[mid - 1] + ordered[mid]) / 2\n>>>>>>> REPLACE\n";

        var parsed = ReplyParser.Parse(reply, Files, Editable);

        Assert.True(parsed.IsUsable, parsed.Problem);
        Assert.EndsWith("    return (ordered[mid - 1] + ordered[mid]) / 2\n", Text(parsed.Changes[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AFileNamedWithoutItsFolder_IsTheJobsFileOfThatName() =>
        Assert.True(ReplyParser.Parse(Fix.Replace("src/stats.py", "stats.py", StringComparison.Ordinal), Files, Editable).IsUsable);

    [Theory]
    [InlineData("    return (ordered[mid] + ordered[mid + 2]) / 2", "searches for lines that are not in the file")]
    [InlineData("    return x + 1", "searches for lines that are there 2 times")]
    [InlineData("    ordered = sorted(values)\n    ...\n    return (ordered[mid] + ordered[mid + 1]) / 2", "leaves out lines of what it replaces")]
    public void Parse_SearchLinesThatCannotBeFoundOnce_AreAProblemNamingTheFile_NeverAGuess(string search, string problem)
    {
        var reply = $"src/stats.py\n<<<<<<< SEARCH\n{search}\n=======\n    return 0\n>>>>>>> REPLACE\n";

        var parsed = ReplyParser.Parse(reply, Files, Editable);

        Assert.False(parsed.IsUsable);
        Assert.Contains($"an edit of src/stats.py {problem}", parsed.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EditsOfOneFile_ApplyInOrder_AndAnEditOfATestIsOnlyNoted()
    {
        var reply = Fix + "\n\nsrc/stats.py\n<<<<<<< SEARCH\ndef median(values):\n=======\ndef median(values: list) -> float:\n>>>>>>> REPLACE\n"
            + "\ntests/test_stats.py\n<<<<<<< SEARCH\ndef test(): pass\n=======\ndef test(): assert True\n>>>>>>> REPLACE\n";

        var parsed = ReplyParser.Parse(reply, Files, Editable);

        var text = Text(Assert.Single(parsed.Changes));
        Assert.Contains("def median(values: list) -> float:\n    ordered = sorted(values)", text, StringComparison.Ordinal);
        Assert.Contains("(ordered[mid - 1] + ordered[mid])", text, StringComparison.Ordinal);
        Assert.Equal(["tests/test_stats.py"], parsed.Ignored);
    }

    [Fact]
    public void Parse_AnEditCutOffBeforeItsEnd_IsNotTaken()
    {
        var parsed = ReplyParser.Parse(Fix[..Fix.IndexOf(">>>>>>>", StringComparison.Ordinal)], Files, Editable);

        Assert.False(parsed.IsUsable);
    }

    private static string Text(JobFile file) => Encoding.UTF8.GetString(file.Content);
}
