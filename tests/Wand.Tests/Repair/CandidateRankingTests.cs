using Wand.Jobs;
using Wand.Sandbox;

namespace Wand.Repair;

/// <summary>All pass › more pass › compiles › smaller diff › faster.</summary>
public sealed class CandidateRankingTests
{
    [Fact]
    public void Order_FollowsTheRules()
    {
        var allPassBigDiff = new CandidateScore(true, 4, true, 30, TimeSpan.FromSeconds(9));
        var allPassSmallDiff = new CandidateScore(true, 4, true, 2, TimeSpan.FromSeconds(9));
        var allPassSmallDiffFaster = new CandidateScore(true, 4, true, 2, TimeSpan.FromSeconds(1));
        var threePass = new CandidateScore(false, 3, true, 1, TimeSpan.FromSeconds(1));
        var compilesNonePass = new CandidateScore(false, 0, true, 1, TimeSpan.FromSeconds(1));
        var doesNotCompile = new CandidateScore(false, 0, false, 1, TimeSpan.FromSeconds(1));

        var ranked = new[] { doesNotCompile, threePass, allPassBigDiff, compilesNonePass, allPassSmallDiff, allPassSmallDiffFaster }.Order().ToList();

        Assert.Equal([allPassSmallDiffFaster, allPassSmallDiff, allPassBigDiff, threePass, compilesNonePass, doesNotCompile], ranked);
    }

    [Fact]
    public void Ranked_EqualScores_ReadTheSameInEveryInputOrder()
    {
        // The orchestrator, the search, the reports and the CLI use this one order: ties go by key.
        var b = Summary("bbbb", passed: 2);
        var a = Summary("aaaa", passed: 2);
        var best = Summary("cccc", passed: 3);

        Assert.Equal([best, a, b], new[] { b, a, best }.Ranked());
        Assert.Equal([best, a, b], new[] { a, best, b }.Ranked());
        Assert.Equal([best, a, b], new[] { (1, b), (2, best), (3, a) }.Ranked(x => x.Item2).Select(x => x.Item2));
    }

    [Fact]
    public void Of_ACompileError_DoesNotCompile()
    {
        var result = new SandboxResult(ExitReason.CompileError, 1, [], [], "", "", new SandboxTimings(TimeSpan.Zero, TimeSpan.FromSeconds(1)));

        Assert.False(CandidateScore.Of(result, 3).Compiles);
    }

    [Fact]
    public void CandidateKey_IgnoresFormattingNoise()
    {
        var a = CandidateKey.Of([new JobFile("a.py", "x = 1\r\ny = 2   \n\n\n"u8.ToArray())]);
        var b = CandidateKey.Of([new JobFile("a.py", "x = 1\ny = 2\n"u8.ToArray())]);
        var c = CandidateKey.Of([new JobFile("a.py", "x = 1\ny = 3\n"u8.ToArray())]);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    private static CandidateSummary Summary(string key, int passed)
    {
        var tests = Enumerable.Range(0, 4).Select(i => new TestCaseResult($"t{i}", i < passed ? TestOutcome.Passed : TestOutcome.Failed, null, TimeSpan.Zero)).ToList();
        var result = new SandboxResult(ExitReason.Completed, 1, tests, [], "", "", new SandboxTimings(TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        return CandidateSummary.Of(key, 1, null, result, changedLines: 1, TimeSpan.FromSeconds(1), cached: false, null, []);
    }
}
