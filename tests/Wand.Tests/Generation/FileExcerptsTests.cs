namespace Wand.Generation;

/// <summary>The parts of a long file a prompt shows: the functions around the lines a failure names.</summary>
public sealed class FileExcerptsTests
{
    /// <summary>A Python module of 300 small functions (1,500 lines); f_200 is at lines 1001-1005.</summary>
    private static readonly string Module = string.Concat(Enumerable.Range(0, 300).Select(i =>
        $"def f_{i}(values):\n    total = 0\n    for v in values:\n        total += v * {i}\n    return total\n"));

    [Fact]
    public void Of_ALineInAFunction_IsThatFunction_WithTheRestMarkedByLineNumbers()
    {
        var excerpt = FileExcerpts.Of(Module, [1004]);

        Assert.Equal(
            "[lines 1-1000 not shown]\ndef f_200(values):\n    total = 0\n    for v in values:\n        total += v * 200\n    return total\n[lines 1006-1500 not shown]\n",
            excerpt);
    }

    [Fact]
    public void Of_ABraceLanguage_TakesTheMethodToItsClosingBrace_AndTheClassAroundIt()
    {
        const string java = """
            package shop;

            public final class Discount {
                public static long apply(long cents, int percent) {
                    if (percent < 0 || percent > 100) {
                        throw new IllegalArgumentException("percent");
                    }
                    return cents * (100 + percent) / 100;
                }

                public static long twice(long cents) {
                    return cents * 2;
                }
            }
            """;

        Assert.Equal(
            "[lines 1-3 not shown]\n    public static long apply(long cents, int percent) {\n        if (percent < 0 || percent > 100) {\n            throw new IllegalArgumentException(\"percent\");\n        }\n        return cents * (100 + percent) / 100;\n    }\n[lines 10-14 not shown]\n",
            FileExcerpts.Of(java, [8]));
        var classAndMethods = FileExcerpts.Of(java, [3, 8, 12])!;
        Assert.StartsWith("[lines 1-2 not shown]\npublic final class Discount {\n", classAndMethods, StringComparison.Ordinal);
        Assert.EndsWith("        return cents * 2;\n    }\n}\n", classAndMethods, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_AFunctionLongerThanAnExcerpt_IsCutAroundTheLine()
    {
        var body = string.Concat(Enumerable.Range(0, 300).Select(i => $"    x{i} = {i}\n"));

        var excerpt = FileExcerpts.Of("def long():\n" + body, [200])!;

        Assert.Contains("    x198 = 198\n", excerpt, StringComparison.Ordinal);
        Assert.StartsWith("[lines 1-159 not shown]\n", excerpt, StringComparison.Ordinal);
        Assert.True(excerpt.Split('\n').Length <= FileExcerpts.MaxLinesPerExcerpt + 4, excerpt);
    }

    [Fact]
    public void Of_NoLineInTheFile_IsNull() => Assert.Null(FileExcerpts.Of(Module, [9999]));

}
