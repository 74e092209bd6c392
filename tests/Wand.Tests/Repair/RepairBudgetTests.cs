namespace Wand.Repair;

public sealed class RepairBudgetTests
{
    private static readonly DateTime Start = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
    private static readonly RepairBudget Budget = new(MaxRounds: 3, MaxCandidates: 10, MaxTokens: 1000, MaxWallTime: TimeSpan.FromMinutes(5));

    [Fact]
    public void Exhausted_NothingSpent_IsNull() => Assert.Null(RepairSpending.Start(Start).Exhausted(Budget, Start));

    [Theory]
    [InlineData(3, 0, 0, 0, "all 3 rounds are spent")]
    [InlineData(1, 10, 0, 0, "all 10 candidate runs are spent")]
    [InlineData(1, 1, 1000, 0, "the token budget of 1,000 is spent (1,000 used)")]
    [InlineData(1, 1, 0, 5, "the wall-time budget of 5 min is spent")]
    public void Exhausted_AnyPartSpent_SaysWhich(int rounds, int candidates, long tokens, int minutes, string expected)
    {
        var spending = RepairSpending.Start(Start) with { Rounds = rounds, Candidates = candidates, Tokens = tokens };

        Assert.Equal(expected, spending.Exhausted(Budget, Start.AddMinutes(minutes)));
    }

    [Fact]
    public void RunsAllowed_NeverGoesPastTheCap()
    {
        var spending = RepairSpending.Start(Start) with { Candidates = 8 };

        Assert.Equal(2, spending.RunsAllowed(Budget, 5));
        Assert.Equal(0, (spending with { Candidates = 12 }).RunsAllowed(Budget, 5));
    }
}
