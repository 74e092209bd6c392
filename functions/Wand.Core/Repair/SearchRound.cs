using Wand.Selection;

namespace Wand.Repair;

// What the repair loop asks of a search round and gets back: the contract between the
// orchestrator and the search's driver (Search/SearchCandidatesActivity), kept here so the
// repair does not depend on the search.

/// <param name="ParentKeys">The candidates (or the original code) whose single edits this round tries, best first.</param>
/// <param name="MaxCandidates">The most candidates this round may run.</param>
/// <param name="SelectTests">Candidates run the tests chosen for their change first (<see cref="RepairSettings.SelectTests"/>).</param>
public sealed record SearchRequest(string JobId, int Round, IReadOnlyList<string> ParentKeys, int MaxCandidates, bool SelectTests = true);

/// <summary>What a search round did; every candidate it ran is listed at <see cref="JobBlobNames.SearchRound"/>.</summary>
/// <param name="Proposed">Edits the generator had for the parents, before any were run.</param>
/// <param name="Evaluated">Candidates run in the sandbox.</param>
/// <param name="Best">The best few (full artifacts stored), best first: the orchestrator's parents and winners come from these.</param>
/// <param name="Localization">How the suspicious lines were found: coverage, traces or none.</param>
public sealed record SearchRoundResult(int Round, int Proposed, int Evaluated, IReadOnlyList<CandidateSummary> Best, string Localization, long DurationMs)
{
    /// <summary>What ran: how many candidates ran only the tests chosen for them, and how many tests in all.</summary>
    public TestSelectionTally Tests { get; init; } = TestSelectionTally.None;

    /// <summary>Why candidates ran the whole suite first where they did, each reason once.</summary>
    public IReadOnlyList<string> SelectionUnused { get; init; } = [];

    /// <summary>How many candidates hung: their run, or one of their tests, ran out of time.</summary>
    public int Hung { get; init; }

    /// <summary>Each candidate's time limit, and one test's (null: none of its own).</summary>
    public double RunLimitSeconds { get; init; }

    public double? TestLimitSeconds { get; init; }

    /// <summary>Candidates that passed every test beside the round's winner (stored in full), for the behaviour probe to compare with it.</summary>
    public IReadOnlyList<CandidateSummary> AlsoPassing { get; init; } = [];

    /// <summary>Why the search could propose nothing at all (the job has no file it may change); null when it could.</summary>
    public string? NothingEditable { get; init; }
}

/// <summary>
/// How far a running search round has got. The search activity writes it after each sandbox run
/// (<see cref="JobBlobNames.SearchProgress"/>), because an activity cannot change its
/// orchestration's status, which says only "searching" for the many minutes a round can take.
/// </summary>
/// <param name="Tried">Candidates run so far; the round runs at most <paramref name="Budget"/>.</param>
/// <param name="BestPassed">The most tests any candidate (or the original) passed of the whole suite so far.</param>
/// <param name="Seconds">Time since the round began.</param>
public sealed record SearchRoundProgress(int Round, int Proposed, int Tried, int Budget, int Hung, int BestPassed, int TestCount, double Seconds)
{
    /// <summary>The progress in one line, as <c>wand repair</c> shows it.</summary>
    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"round {Round}: searching; {Tried} of {Budget} candidates tried ({Hung} hung) of {Proposed:N0} edits, best {BestPassed}/{TestCount} tests, {Seconds:0} s");
}
