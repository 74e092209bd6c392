namespace Wand.Repair;

/// <summary>Repair settings: sane defaults and clear problems (the command line's overrides: Cli/WandCommandLineTests).</summary>
public sealed class RepairSettingsTests
{
    [Fact]
    public void Defaults_AreUsable()
    {
        var settings = new RepairSettings();

        Assert.Null(settings.Problem());
        Assert.Equal(4, settings.CandidatesPerRound);
        Assert.Equal(TimeSpan.FromMinutes(15), settings.Budget.WallTime);
    }

    [Theory]
    [InlineData(0, 2, 2, "candidates per round must be between 1 and 64")]
    [InlineData(4, 0, 2, "parents kept must be between 1 and 16")]
    [InlineData(4, 2, 9, "baseline runs must be between 1 and 5")]
    public void Problem_NamesTheSettingOutOfRange(int perRound, int parents, int baselineRuns, string problem)
    {
        var settings = new RepairSettings { CandidatesPerRound = perRound, ParentsKept = parents, BaselineRuns = baselineRuns };

        Assert.Equal(problem, settings.Problem());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(33)]
    public void Problem_BehaviourCandidatesOutOfRange(int candidates) =>
        Assert.Equal("behaviour candidates must be between 0 and 32", new RepairSettings { BehaviourCandidates = candidates }.Problem());
}
