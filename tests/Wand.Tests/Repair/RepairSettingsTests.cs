using Wand.Cli;

namespace Wand.Repair;

/// <summary>Repair settings: sane defaults, clear problems, and the command line's overrides.</summary>
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

    [Fact]
    public void Settings_CommandLineLowersTheConfiguredBudget()
    {
        var args = CommandLineArguments.Parse(["job", "--rounds", "2", "--per-round", "3", "--max-tokens", "5000", "--max-minutes", "3"], "repair", RepairCommand.Flags, RepairCommand.Valued);

        var (settings, notes) = RepairCommand.Settings(new RepairSettings { ParentsKept = 3 }, args);

        Assert.Equal(new RepairBudget(2, 32, 5000, TimeSpan.FromMinutes(3)), settings.Budget);
        Assert.Equal(3, settings.CandidatesPerRound);
        Assert.Equal(3, settings.ParentsKept);
        Assert.Empty(notes);
    }

    [Fact]
    public void Settings_CommandLineAboveTheConfiguredBudget_IsCappedToIt_AndSaysSo()
    {
        var args = CommandLineArguments.Parse(
            ["job", "--rounds", "99", "--per-round", "64", "--max-candidates", "2147483648", "--max-tokens", "9223372036854775807", "--max-minutes", "2147483647", "--max-search", "401"],
            "repair", RepairCommand.Flags, RepairCommand.Valued);

        var (settings, notes) = RepairCommand.Settings(new RepairSettings(), args);

        Assert.Equal(new RepairSettings(), settings);
        Assert.Equal(
            [
                "--rounds 99 capped to the configured 4",
                "--max-candidates 2147483648 capped to the configured 32",
                "--max-tokens 9223372036854775807 capped to the configured 200000",
                "--max-minutes 2147483647 capped to the configured 15",
                "--max-search 401 capped to the configured 400",
                "--per-round 64 capped to the configured 4",
            ],
            notes);
    }

    [Theory]
    [InlineData("--rounds", "two")]
    [InlineData("--max-candidates", "-1")]
    [InlineData("--max-minutes", "0")]
    [InlineData("--per-round", "0")]
    [InlineData("--max-tokens", "99999999999999999999")]
    public void Settings_NotAPositiveNumber_IsAUsageError(string option, string value)
    {
        var args = CommandLineArguments.Parse(["job", option, value], "repair", RepairCommand.Flags, RepairCommand.Valued);

        var error = Assert.Throws<UsageException>(() => RepairCommand.Settings(new RepairSettings(), args));

        Assert.Equal($"{option} needs a positive whole number (got '{value}')", error.Message);
    }
}
