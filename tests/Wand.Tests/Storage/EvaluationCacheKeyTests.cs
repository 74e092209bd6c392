using Wand.Jobs;

namespace Wand.Storage;

public sealed class EvaluationCacheKeyTests
{
    private static readonly Job Job = Job.Create([new("a.py", "x = 1\n"u8.ToArray()), new("test_a.py", "def test(): pass\n"u8.ToArray())], LanguageProfile.Python);

    [Fact]
    public void Key_IgnoresFileOrder() =>
        Assert.Equal(EvaluationCache.Key(Job, "img"), EvaluationCache.Key(Job with { Files = [.. Job.Files.Reverse()] }, "img"));

    [Fact]
    public void Key_ChangesWithContentsImageCommandAndTimeout()
    {
        var key = EvaluationCache.Key(Job, "img");

        Assert.NotEqual(key, EvaluationCache.Key(Job with { Files = [new("a.py", "x = 2\n"u8.ToArray()), Job.Files[1]] }, "img"));
        Assert.NotEqual(key, EvaluationCache.Key(Job, "img2"));
        Assert.NotEqual(key, EvaluationCache.Key(Job with { TestCommand = "pytest -x" }, "img"));
        Assert.NotEqual(key, EvaluationCache.Key(Job with { Timeout = TimeSpan.FromSeconds(5) }, "img"));
    }
}
