namespace Wand.Repair;

/// <summary>
/// How a repair searches: K candidates per round, the best M kept as parents for the next
/// round, how often the baseline runs to tell a flaky test from a failing one, and the budget.
/// Bound from <c>Wand:Repair</c>; travels in the orchestration input.
/// </summary>
public sealed record RepairSettings
{
    public const string SectionName = "Wand:Repair";

    /// <summary>K: generation requests per round.</summary>
    public int CandidatesPerRound { get; init; } = 4;

    /// <summary>M: the best candidates so far that the next round's requests start from.</summary>
    public int ParentsKept { get; init; } = 2;

    /// <summary>Runs of the unchanged code when it fails; outcomes that differ mean a flaky baseline.</summary>
    public int BaselineRuns { get; init; } = 2;

    /// <summary>Where candidates come from; null: the LLM when an endpoint is configured, the search when not (<see cref="RepairGenerators.Choose"/>).</summary>
    public RepairGenerator? Generator { get; init; }

    /// <summary>The most candidates one search round runs (it stops at the first that passes every test).</summary>
    public int SearchPerRound { get; init; } = 100;

    /// <summary>Candidates run the tests chosen for their change first, and the whole suite only when they pass those (<see cref="Selection.SelectedTestRuns"/>); false: every run is of the whole suite.</summary>
    public bool SelectTests { get; init; } = true;

    /// <summary>The most passing candidates the behaviour probe compares once a fix is confirmed (Behaviour/); 0: none, and no confidence label.</summary>
    public int BehaviourCandidates { get; init; } = 8;

    public RepairBudget Budget { get; init; } = new();

    /// <summary>What is wrong with these settings, or null when they can be used.</summary>
    public string? Problem() =>
        CandidatesPerRound is < 1 or > 64 ? "candidates per round must be between 1 and 64"
        : ParentsKept is < 1 or > 16 ? "parents kept must be between 1 and 16"
        : BaselineRuns is < 1 or > 5 ? "baseline runs must be between 1 and 5"
        : SearchPerRound is < 1 or > 500 ? "search candidates per round must be between 1 and 500"
        : BehaviourCandidates is < 0 or > 32 ? "behaviour candidates must be between 0 and 32"
        : Budget.MaxSearchCandidates < 1 ? "the budget needs at least one search candidate"
        : Budget.MaxRounds < 1 ? "the budget needs at least one round"
        : Budget.MaxCandidates < 1 ? "the budget needs at least one candidate"
        : Budget.MaxTokens < 1 ? "the token budget must be positive"
        : Budget.WallTime <= TimeSpan.Zero ? "the wall-time budget must be positive"
        : null;
}
