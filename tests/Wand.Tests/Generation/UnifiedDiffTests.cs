namespace Wand.Generation;

public sealed class UnifiedDiffTests
{
    [Fact]
    public void Apply_SeveralHunks_KeepsTheRestOfTheFile()
    {
        const string original = "a\nb\nc\nd\ne\nf\n";
        var (_, hunks) = Assert.Single(UnifiedDiff.Parse("--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n+B\n@@ -5,2 +5,3 @@\n e\n+E\n f\n"));

        Assert.Equal("a\nB\nc\nd\ne\nE\nf\n", UnifiedDiff.Apply(original, hunks));
    }

    [Fact]
    public void Apply_ContextNowhere_IsNull()
    {
        var (_, hunks) = Assert.Single(UnifiedDiff.Parse("+++ b/x\n@@ -1 +1 @@\n-zzz\n+y\n"));

        Assert.Null(UnifiedDiff.Apply("a\nb\n", hunks));
    }

    [Fact]
    public void Parse_TwoFiles()
    {
        var files = UnifiedDiff.Parse("--- a/one.py\n+++ b/one.py\n@@ -1 +1 @@\n-x\n+y\n--- a/src/two.py\n+++ b/src/two.py\n@@ -1 +1 @@\n-p\n+q\n");

        Assert.Equal(["one.py", "src/two.py"], files.Select(f => f.Path));
    }
}
