using System.Globalization;
using Wand.Jobs;

namespace Wand.Repair;

/// <summary>One part of a budget a caller asks for, under the name that caller used for it (<c>budget.minutes</c>, <c>--max-minutes</c>).</summary>
public sealed record BudgetAsk(string Member, long Value);

/// <summary>
/// The budget a caller asks for: an HTTP body's or a batch line's <c>budget</c>, or
/// <c>wand repair</c>'s budget flags. The operator's configuration (<c>Wand:Repair:Budget</c>,
/// and <c>CandidatesPerRound</c>) is the ceiling: a caller may lower any part, never raise it.
/// A value above the ceiling is capped to it and the cap is a note the outcome carries, so the
/// job still runs and says why it spent less than asked; a value of 0 or below is refused.
/// </summary>
public sealed record BudgetRequest(
    BudgetAsk? Rounds = null,
    BudgetAsk? Candidates = null,
    BudgetAsk? Tokens = null,
    BudgetAsk? Minutes = null,
    BudgetAsk? SearchCandidates = null,
    BudgetAsk? PerRound = null)
{
    /// <summary>
    /// <paramref name="configured"/> with what is asked, each part at most the configured one, and
    /// a note per part that was capped; throws <see cref="InvalidJobException"/> naming a part
    /// that is not positive.
    /// </summary>
    public (RepairSettings Settings, IReadOnlyList<string> Notes) ApplyTo(RepairSettings configured)
    {
        var notes = new List<string>();
        var ceiling = configured.Budget;
        var budget = ceiling with
        {
            MaxRounds = (int)Capped(Rounds, ceiling.MaxRounds, notes),
            MaxCandidates = (int)Capped(Candidates, ceiling.MaxCandidates, notes),
            MaxTokens = Capped(Tokens, ceiling.MaxTokens, notes),
            MaxWallTime = WallTime(Minutes, ceiling.WallTime, notes) ?? ceiling.MaxWallTime,
            MaxSearchCandidates = (int)Capped(SearchCandidates, ceiling.MaxSearchCandidates, notes),
        };
        var perRound = (int)Capped(PerRound, configured.CandidatesPerRound, notes);
        return (configured with { Budget = budget, CandidatesPerRound = perRound }, notes);
    }

    private static long Capped(BudgetAsk? ask, long ceiling, List<string> notes)
    {
        if (ask is null)
        {
            return ceiling;
        }

        Positive(ask);
        if (ask.Value <= ceiling)
        {
            return ask.Value;
        }

        notes.Add(string.Create(CultureInfo.InvariantCulture, $"{ask.Member} {ask.Value} capped to the configured {ceiling}"));
        return ceiling;
    }

    /// <summary>
    /// The wall time asked for, or null to keep the configured one (also when capped). Minutes
    /// are compared as minutes and never turned into a TimeSpan above the ceiling: 2^63-1 minutes
    /// overflows one.
    /// </summary>
    private static TimeSpan? WallTime(BudgetAsk? ask, TimeSpan ceiling, List<string> notes)
    {
        if (ask is null)
        {
            return null;
        }

        Positive(ask);
        if (ask.Value <= ceiling.TotalMinutes)
        {
            return TimeSpan.FromMinutes(ask.Value);
        }

        notes.Add(string.Create(CultureInfo.InvariantCulture, $"{ask.Member} {ask.Value} capped to the configured {ceiling.TotalMinutes:0.##}"));
        return null;
    }

    private static void Positive(BudgetAsk ask)
    {
        if (ask.Value < 1)
        {
            throw new InvalidJobException(string.Create(CultureInfo.InvariantCulture, $"{ask.Member} must be positive (got {ask.Value})"));
        }
    }
}
