using Wand.Jobs;

namespace Wand.Repair;

/// <summary>A caller's budget under the operator's: lowered freely, never raised, never overflowing.</summary>
public sealed class BudgetRequestTests
{
    private static readonly RepairSettings Configured = new() { CandidatesPerRound = 4, Budget = new RepairBudget(4, 32, 200_000, TimeSpan.FromMinutes(15), 400) };

    [Fact]
    public void ApplyTo_NothingAsked_IsTheConfiguredBudget()
    {
        var (settings, notes) = new BudgetRequest().ApplyTo(Configured);

        Assert.Equal(Configured, settings);
        Assert.Empty(notes);
    }

    [Fact]
    public void ApplyTo_LessThanConfigured_IsTaken()
    {
        var (settings, notes) = new BudgetRequest(new("r", 1), new("c", 2), new("t", 3), new("m", 4), new("s", 5), new("k", 1)).ApplyTo(Configured);

        Assert.Equal(new RepairBudget(1, 2, 3, TimeSpan.FromMinutes(4), 5), settings.Budget);
        Assert.Equal(1, settings.CandidatesPerRound);
        Assert.Empty(notes);
    }

    [Fact]
    public void ApplyTo_MoreThanConfigured_IsCappedToIt_WithANotePerPart_EvenAtTheLargestNumbers()
    {
        var asked = new BudgetRequest(
            new("budget.rounds", 5), new("budget.candidates", int.MaxValue), new("budget.tokens", long.MaxValue),
            new("budget.minutes", long.MaxValue), new("budget.searchCandidates", (long)int.MaxValue + 1), new("--per-round", 65));

        var (settings, notes) = asked.ApplyTo(Configured);

        Assert.Equal(Configured, settings);
        Assert.Equal(
            [
                "budget.rounds 5 capped to the configured 4",
                "budget.candidates 2147483647 capped to the configured 32",
                "budget.tokens 9223372036854775807 capped to the configured 200000",
                "budget.minutes 9223372036854775807 capped to the configured 15",
                "budget.searchCandidates 2147483648 capped to the configured 400",
                "--per-round 65 capped to the configured 4",
            ],
            notes);
    }

    [Fact]
    public void ApplyTo_MinutesAgainstAWallTimeOfSeconds_ComparesInMinutes()
    {
        var configured = Configured with { Budget = Configured.Budget with { MaxWallTime = TimeSpan.FromSeconds(90) } };

        var (settings, notes) = new BudgetRequest(Minutes: new("budget.minutes", 2)).ApplyTo(configured);

        Assert.Equal(TimeSpan.FromSeconds(90), settings.Budget.WallTime);
        Assert.Equal(["budget.minutes 2 capped to the configured 1.5"], notes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    public void ApplyTo_ZeroOrBelow_IsRefusedNamingThePart(long value)
    {
        var error = Assert.Throws<InvalidJobException>(() => new BudgetRequest(Minutes: new("budget.minutes", value)).ApplyTo(Configured));

        Assert.Equal($"budget.minutes must be positive (got {value})", error.Message);
    }
}
