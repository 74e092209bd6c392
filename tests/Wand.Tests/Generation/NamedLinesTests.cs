using System.Text;
using Wand.Jobs;

namespace Wand.Generation;

/// <summary>Where a failing run points in the job's files.</summary>
public sealed class NamedLinesTests
{
    [Fact]
    public void In_TheLinesOfPythonsTraceback_AFileAndLine_AndAJavaFrame()
    {
        var files = new[] { File("pkg/big.py", ""), File("src/a.js", ""), File("src/main/java/shop/Discount.java", "") };
        const string evidence = """
            Traceback (most recent call last):
              File "/work/run-1a2b/pkg/big.py", line 1004, in f_200
            src/a.js:12:5: TypeError
            	at shop.Discount.apply(Discount.java:13)
            """;

        var named = new NamedLines(evidence, files);

        Assert.Equal([1004], named.In(files[0]));
        Assert.Equal([12], named.In(files[1]));
        Assert.Equal([13], named.In(files[2]));
    }

    [Fact]
    public void In_ByAFileNameTwoFilesHave_IsNeither()
    {
        var files = new[] { File("a/Discount.java", ""), File("b/Discount.java", "") };

        Assert.Empty(new NamedLines("at shop.Discount.apply(Discount.java:13)", files).In(files[0]));
    }

    [Fact]
    public void In_AWrongValue_TheDefinitionOfWhatTheFailingTestsLineCalls()
    {
        // No frame is in shop.py: the test's line 4, which the trace names, calls total().
        var files = new[]
        {
            File("shop.py", "def subtotal(items):\n    return 1\n\n\ndef total(items):\n    return 2\n\nclass Cart:\n    pass\n"),
            File("test_shop.py", "from shop import total\n\ndef test_total():\n    assert total([1, 2]) == 3\n"),
        };

        var named = new NamedLines("test_shop.py:4: AssertionError", files);

        Assert.Equal([5], named.In(files[0]));
    }

    [Fact]
    public void In_AJavaMethodTheMessageNames_ItsSignature()
    {
        var files = new[] { File("Discount.java", "class Discount {\n    static long apply(long cents) {\n        return cents;\n    }\n}\n") };

        Assert.Equal([2], new NamedLines("DiscountTest.takesThePercentOff: apply(1000) expected:<750> but was:<1250>", files).In(files[0]));
    }

    [Fact]
    public void In_OutputOfOneLongLine_IsReadInLinearTime()
    {
        // 200,000 characters without a line break, as a minified bundle or a data dump prints.
        var noise = new string('x', 200_000);
        var files = new[] { File("data.json", noise), File("shop.py", "def total(items):\n    return 2\n") };

        var named = new NamedLines(noise + " shop.py:2", files);

        Assert.Equal([2], named.In(files[1]));
        Assert.Empty(named.In(files[0]));
    }

    [Fact]
    public void In_ANameManyFilesDefine_GivesItsDefinitionToTheFirstFilesAskedOnly()
    {
        var files = Enumerable.Range(0, NamedLines.MaxFilesByName + 2).Select(i => File($"m{i}.py", "def total(items):\n    return 2\n")).ToList();
        var named = new NamedLines("AssertionError: where 2 = total([1])", files);

        var lines = files.Select(f => named.In(f).Count).ToList();

        Assert.Equal([.. Enumerable.Repeat(1, NamedLines.MaxFilesByName), 0, 0], lines);
    }

    private static JobFile File(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));
}
