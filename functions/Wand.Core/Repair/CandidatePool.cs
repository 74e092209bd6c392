using Wand.Sandbox;

namespace Wand.Repair;

/// <summary>
/// What a repair has tried, as its orchestrator keeps it: every evaluated candidate (the
/// original code first), the LLM's generations, the keys already seen, and the count of
/// duplicates and replies with no usable code. Orchestration state, so no I/O here.
/// </summary>
internal sealed class CandidatePool(CandidateSummary baseline)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal) { baseline.Key };
    private CandidateSummary? _offered;

    public CandidateSummary Baseline => baseline;

    public List<CandidateSummary> Evaluated { get; } = [baseline];

    public List<GeneratedCandidate> Generations { get; } = [];

    public int Duplicates { get; private set; }

    public int Unusable { get; private set; }

    /// <summary>
    /// The best change to the code that is believed (none: null): the fix the behaviour groups
    /// chose, else the winner (a search alternative too, when it is the one left), else the best ranked.
    /// </summary>
    public CandidateSummary? BestChange => _offered ?? Winner ?? Evaluated.Ranked().FirstOrDefault(c => c.Round > 0 && !c.IsSuspicious);

    /// <summary>Search candidates that passed every test beside a round's winner: not ranked against it, only compared with it (<see cref="Passing"/>).</summary>
    public List<CandidateSummary> AlsoPassing { get; } = [];

    /// <summary>
    /// The best candidate that passes every test (the one a confirming run must agree with); when
    /// none of those is left, the search's next that passed beside its winner.
    /// </summary>
    public CandidateSummary? Winner => Evaluated.Ranked().FirstOrDefault(c => c.AllPassed && c.Round > 0) ?? AlsoPassing.FirstOrDefault(c => c.AllPassed);

    /// <summary>The winner first, then every other candidate that passes every test (ranked, then the search's alternatives), at most <paramref name="max"/>.</summary>
    public List<string> Passing(int max) =>
        [.. Evaluated.Ranked().Where(c => c.AllPassed && c.Round > 0).Concat(AlsoPassing.Where(c => c.AllPassed)).Select(c => c.Key).Distinct(StringComparer.Ordinal).Take(max)];

    /// <summary>The fix the behaviour groups chose, once it passed a second run: it is offered instead of the winner.</summary>
    public void Offer(string key) => _offered = Find(key);

    public CandidateSummary Find(string key) => Evaluated.Concat(AlsoPassing).First(c => c.Key == key);

    public bool PassedIn(int round, string? explanationPrefix = null) =>
        Evaluated.Any(c => c.AllPassed && c.Round == round && (explanationPrefix is null || c.Explanation?.StartsWith(explanationPrefix, StringComparison.Ordinal) == true));

    public List<CandidateSummary> Suspicious => [.. Evaluated.Where(c => c.IsSuspicious)];

    /// <summary>The last few candidates, in words, as earlier attempts are shown to the generator.</summary>
    public List<string> Attempts => [.. Evaluated.Where(c => c.Round > 0).Select(c => c.Describe()).TakeLast(5)];

    public List<CandidateSummary> Best(int count) => [.. Evaluated.Ranked().Take(count)];

    /// <summary>The original code and up to <paramref name="kept"/> - 1 candidates that pass more of its tests, best first.</summary>
    public List<string> SearchParents(int kept) =>
        [.. Evaluated.Ranked().Where(c => c.Round > 0 && c.Reason == ExitReason.Completed && c.Passed > baseline.Passed).Take(kept - 1).Select(c => c.Key), baseline.Key];

    /// <summary>The round's near misses: they run and pass some tests, fail others.</summary>
    public List<string> NearMisses(int round, int kept) =>
        [.. Evaluated.Ranked().Where(c => c.Round == round && c.Reason == ExitReason.Completed && c.Passed > 0 && c.Failed > 0).Take(kept).Select(c => c.Key)];

    /// <summary>Keeps the generations and returns those worth running: with code, and code not seen before.</summary>
    public List<GeneratedCandidate> AddGenerated(IEnumerable<GeneratedCandidate> generated)
    {
        var fresh = new List<GeneratedCandidate>();
        foreach (var g in generated)
        {
            Generations.Add(g);
            if (g.Key is null)
            {
                Unusable++;
            }
            else if (!_seen.Add(g.Key))
            {
                Duplicates++;
            }
            else
            {
                fresh.Add(g);
            }
        }

        return fresh;
    }

    /// <summary>A generation's evaluation; none (the sandbox could not run it) makes the generation unusable, with why.</summary>
    public void AddEvaluated(GeneratedCandidate generation, CandidateSummary? summary)
    {
        if (summary is null)
        {
            Unusable++;
            Generations[Generations.IndexOf(generation)] = generation with { Problem = "its evaluation failed: the sandbox could not run it (see the logs)" };
        }
        else
        {
            Evaluated.Add(summary);
        }
    }

    /// <summary>The search round's best candidates that are new here.</summary>
    public void AddSearched(IEnumerable<CandidateSummary> best, IEnumerable<CandidateSummary> alsoPassing)
    {
        Evaluated.AddRange(best.Where(c => _seen.Add(c.Key)));
        AlsoPassing.AddRange(alsoPassing.Where(c => _seen.Add(c.Key)));
    }

    /// <summary>A winner whose second run did not pass takes that run's place, so it is never returned as the fix, nor shown as passing.</summary>
    public void FailedConfirmation(CandidateSummary winner, CandidateSummary? again)
    {
        var failed = (again ?? winner with { AllPassed = false }) with
        {
            AllPassed = false,
            FirstFailure = $"passed once, then failed a second run: {again?.FirstFailure ?? "the second run could not be made"}",
        };
        var list = Evaluated.Contains(winner) ? Evaluated : AlsoPassing;
        list[list.IndexOf(winner)] = failed;
    }
}
