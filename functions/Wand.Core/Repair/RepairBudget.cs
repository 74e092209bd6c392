using Wand.Selection;

namespace Wand.Repair;

/// <summary>
/// The most a repair may spend. A hard cap: once any part is spent no new LLM call or sandbox
/// run starts, and the job still reports its best candidate.
/// </summary>
/// <param name="MaxCandidates">Sandbox runs of LLM candidates (and confirming runs of winners).</param>
/// <param name="MaxSearchCandidates">Candidates the search may run; they are cheap (many per sandbox), so there are more of them.</param>
public sealed record RepairBudget(int MaxRounds = 4, int MaxCandidates = 32, long MaxTokens = 200_000, TimeSpan? MaxWallTime = null, int MaxSearchCandidates = 400)
{
    public TimeSpan WallTime => MaxWallTime ?? TimeSpan.FromMinutes(15);
}

/// <summary>What a repair has spent so far (kept in orchestration state, so it must stay small).</summary>
/// <param name="SearchRuns">Candidates the search ran.</param>
/// <param name="Tests">What test selection did: candidates that ran only the tests chosen for them, tests run in all (null: nothing was selected).</param>
/// <param name="SelectionUnused">Why candidates ran the whole suite first where they did, each reason once.</param>
/// <param name="SearchRounds">Each search round's candidates, hangs and wall time.</param>
public sealed record RepairSpending(int Rounds, int Candidates, long Tokens, int LlmCalls, DateTime StartedUtc, int SearchRuns = 0,
    TestSelectionTally? Tests = null, IReadOnlyList<string>? SelectionUnused = null, IReadOnlyList<SearchRoundTime>? SearchRounds = null)
{
    public static RepairSpending Start(DateTime nowUtc) => new(0, 0, 0, 0, nowUtc);

    /// <summary>What was spent, in words, as every report and the CLI say it.</summary>
    public string Describe(RepairGenerator? generator = null) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{Count(Rounds, "round")}{(generator is { } g ? $" ({g.ToString().ToLowerInvariant()} generator)" : "")}, {Count(Candidates, "candidate run")}, {Count(SearchRuns, "search candidate")}, {Count(LlmCalls, "LLM call")}, {Count(Tokens, "token")}{(Tests?.Describe() is { } tests ? $"; {tests}" : "")}");

    private static string Count(long n, string what) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{n:N0} {what}{(n == 1 ? "" : "s")}");

    /// <summary>The search rounds' wall time, in words: <c>search round 1: 48 candidates (3 hung) in 12.3 s</c>; null when none ran.</summary>
    public string? SearchTime => SearchRounds is { Count: > 0 } rounds
        ? string.Join("; ", rounds.Select(r => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"search round {r.Round}: {r.Candidates} candidates{(r.Hung > 0 ? $" ({r.Hung} hung)" : "")} in {r.WallMs / 1000.0:F1} s")))
        : null;

    /// <summary>This spending with a search round's candidates and time added.</summary>
    public RepairSpending WithSearchRound(SearchRoundTime round) => this with
    {
        SearchRuns = SearchRuns + round.Candidates,
        SearchRounds = [.. SearchRounds ?? [], round],
    };

    /// <summary>Which tests the candidates ran, in words for reports: the selection's tally, or why every candidate ran its whole suite.</summary>
    public string? WhatRan => Tests?.Describe()
        ?? (SelectionUnused is { Count: > 0 } reasons ? $"every candidate ran the whole suite ({string.Join("; ", reasons)})" : null);

    /// <summary>This spending with a search round's test selection added.</summary>
    public RepairSpending WithSelection(TestSelectionTally tests, IEnumerable<string> unused) => this with
    {
        Tests = (Tests ?? TestSelectionTally.None) + tests,
        SelectionUnused = [.. (SelectionUnused ?? []).Union(unused, StringComparer.Ordinal)],
    };

    /// <summary>Why no further work may start, or null while there is budget left.</summary>
    public string? Exhausted(RepairBudget budget, DateTime nowUtc) =>
        Rounds >= budget.MaxRounds ? $"all {budget.MaxRounds} rounds are spent"
        : Candidates >= budget.MaxCandidates ? $"all {budget.MaxCandidates} candidate runs are spent"
        : Tokens >= budget.MaxTokens ? $"the token budget of {budget.MaxTokens:N0} is spent ({Tokens:N0} used)"
        : nowUtc - StartedUtc >= budget.WallTime ? $"the wall-time budget of {budget.WallTime.TotalMinutes:F0} min is spent"
        : null;

    /// <summary>How many search candidates the budget still allows, at most <paramref name="wanted"/>.</summary>
    public int SearchRunsAllowed(RepairBudget budget, int wanted) => Math.Max(0, Math.Min(wanted, budget.MaxSearchCandidates - SearchRuns));

    /// <summary>How many of <paramref name="wanted"/> new sandbox runs the budget still allows.</summary>
    public int RunsAllowed(RepairBudget budget, int wanted) => Math.Max(0, Math.Min(wanted, budget.MaxCandidates - Candidates));
}

/// <summary>One search round: the candidates it ran, how many hung (ran out of time, the run or a test), its wall time, and the candidates' limits.</summary>
public sealed record SearchRoundTime(int Round, int Candidates, int Hung, long WallMs, double RunLimitSeconds, double? TestLimitSeconds);
