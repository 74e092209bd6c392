using Wand.Generation;

namespace Wand.Repair;

public sealed class LineDiffTests
{
    [Theory]
    [InlineData("a\nb\nc\n", "a\nB\nc\n", 2)]
    [InlineData("a\nb\nc\n", "a\nb\nc\n", 0)]
    [InlineData("", "x\n", 1)]
    [InlineData("a\nb\n", "", 2)]
    [InlineData("a\nb\nc\nd\n", "a\nc\nd\ne\n", 2)]
    public void ChangedLines_CountsRemovedPlusAdded(string before, string after, int expected) =>
        Assert.Equal(expected, LineDiff.ChangedLines(before, after));

    [Theory]
    [InlineData("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n", "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nK\nl\nm\n")]
    [InlineData("def f():\n    return 1\n", "def f():\n    return 2\n")]
    [InlineData("", "new file\n")]
    [InlineData("x\ny\nz\n", "z\ny\nx\n")]
    public void Unified_AppliedBack_GivesTheNewVersion(string before, string after)
    {
        var diff = LineDiff.Unified("f.py", before, after);

        var (path, hunks) = Assert.Single(UnifiedDiff.Parse(diff));
        Assert.Equal("f.py", path);
        Assert.Equal(after, UnifiedDiff.Apply(before, hunks));
    }

    [Fact]
    public void Unified_NoChange_IsEmpty() => Assert.Equal("", LineDiff.Unified("f.py", "a\n", "a\n"));

    [Fact]
    public void Unified_LooksLikeGitsOutput()
    {
        var diff = LineDiff.Unified("stats.py", "a\nb\nc\n", "a\nB\nc\n");

        Assert.Equal("--- a/stats.py\n+++ b/stats.py\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n", diff);
    }

    [Fact]
    public void ChangedLines_AFullRewriteOfALargeFile_CountsEveryLine()
    {
        // Its memory is the benchmark's (`-- diff`): linear here, where the old Myers copy was quadratic.
        var before = string.Concat(Enumerable.Range(0, 5000).Select(i => $"old line {i}\n"));
        var after = string.Concat(Enumerable.Range(0, 5000).Select(i => $"new line {i}\n"));

        Assert.Equal(10_000, LineDiff.ChangedLines(before, after));
    }

    [Fact]
    public void Unified_ALargeFileWithScatteredEdits_AppliesBack()
    {
        var lines = Enumerable.Range(0, 3000).Select(i => $"line {i}").ToList();
        var before = string.Join('\n', lines) + "\n";
        var after = string.Join('\n', lines.Select((l, i) => i % 97 == 0 ? l + " changed" : l).Where((_, i) => i % 389 != 5)) + "\nappended\n";

        var (_, hunks) = Assert.Single(UnifiedDiff.Parse(LineDiff.Unified("big.py", before, after)));

        Assert.Equal(after, UnifiedDiff.Apply(before, hunks));
    }
}
