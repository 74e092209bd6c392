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
}
