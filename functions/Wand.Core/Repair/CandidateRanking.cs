namespace Wand.Repair;

/// <summary>
/// The one order of candidates, best first, that the orchestrator, the search, the reports and
/// the CLI all use: by <see cref="CandidateScore"/>, then by key, so that ties read the same
/// everywhere and on every replay.
/// </summary>
public static class CandidateRanking
{
    public static IOrderedEnumerable<CandidateSummary> Ranked(this IEnumerable<CandidateSummary> candidates) => candidates.Ranked(c => c);

    public static IOrderedEnumerable<T> Ranked<T>(this IEnumerable<T> items, Func<T, CandidateSummary> candidate) =>
        items.OrderBy(i => candidate(i).Score).ThenBy(i => candidate(i).Key, StringComparer.Ordinal);
}
