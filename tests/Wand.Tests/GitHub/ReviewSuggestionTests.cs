namespace Wand.GitHub;

public sealed class ReviewSuggestionTests
{
    private const string Before = "def f(values):\n    best = None\n    for v in values:\n        if v < best:\n            best = v\n    return best\n";

    [Fact]
    public void Between_OneChangedLine_SuggestsThatLine()
    {
        var after = Before.Replace("v < best", "v > best", StringComparison.Ordinal);

        var suggestion = Assert.Single(ReviewSuggestion.Between("f.py", Before, after));

        Assert.Equal(new ReviewSuggestion("f.py", null, 4, "```suggestion\n        if v > best:\n```"), suggestion);
    }

    [Fact]
    public void Between_AdjacentChangedLines_AreOneSuggestionFromStartLineToLine()
    {
        var after = Before.Replace("    best = None\n    for v in values:\n", "    best = values[0]\n    for v in values[1:]:\n", StringComparison.Ordinal);

        var suggestion = Assert.Single(ReviewSuggestion.Between("f.py", Before, after));

        Assert.Equal(new ReviewSuggestion("f.py", 2, 3, "```suggestion\n    best = values[0]\n    for v in values[1:]:\n```"), suggestion);
    }

    [Fact]
    public void Between_ChangesApart_AreSeparateSuggestions()
    {
        var after = Before.Replace("best = None", "best = 0", StringComparison.Ordinal).Replace("return best", "return best or 0", StringComparison.Ordinal);

        var suggestions = ReviewSuggestion.Between("f.py", Before, after);

        Assert.Equal([(2, 2), (6, 6)], suggestions.Select(s => (s.StartLine ?? s.Line, s.Line)));
    }

    [Fact]
    public void Between_ADeletedLine_SuggestsNothingInItsPlace()
    {
        var after = Before.Replace("            best = v\n", "", StringComparison.Ordinal);

        var suggestion = Assert.Single(ReviewSuggestion.Between("f.py", Before, after));

        Assert.Equal(new ReviewSuggestion("f.py", null, 5, "```suggestion\n```"), suggestion);
    }

    [Fact]
    public void Between_AnInsertedLine_TakesTheLineAboveIntoTheSuggestion()
    {
        var after = Before.Replace("    best = None\n", "    best = None\n    values = list(values)\n", StringComparison.Ordinal);

        var suggestion = Assert.Single(ReviewSuggestion.Between("f.py", Before, after));

        Assert.Equal(new ReviewSuggestion("f.py", null, 2, "```suggestion\n    best = None\n    values = list(values)\n```"), suggestion);
    }

    [Fact]
    public void Between_ALineInsertedAtTheTop_TakesTheFirstLineIntoTheSuggestion()
    {
        var suggestion = Assert.Single(ReviewSuggestion.Between("f.py", Before, "import math\n" + Before));

        Assert.Equal(new ReviewSuggestion("f.py", null, 1, "```suggestion\nimport math\ndef f(values):\n```"), suggestion);
    }

    [Fact]
    public void Between_TheSameText_SuggestsNothing()
    {
        Assert.Empty(ReviewSuggestion.Between("f.py", Before, Before.Replace("\n", "\r\n", StringComparison.Ordinal)));
    }
}
