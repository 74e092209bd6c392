using Wand.Jobs;
using Wand.Repair;
using Wand.Sandbox;
using Wand.Selection;
using Wand.Telemetry;
using Wand.Trust;

namespace Wand.Search;

/// <summary>
/// The candidates one search round has run, each with its summary, result, files and diff: a
/// set of them at a time, many to a sandbox run, each on the tests chosen for its edit first and
/// on the whole suite when it passes those (<see cref="SelectedTestRuns"/>), each checked for
/// test-gaming when it passes.
/// </summary>
internal sealed class SearchRound
{
    private readonly SearchRequest _input;
    private readonly Job _job;
    private readonly SandboxResult _baseline;
    private readonly IReadOnlyDictionary<string, ParentRun> _parents;
    private readonly SelectedTestRuns _selected;

    /// <param name="parents">Each parent's files (as changes to the job) and run: a candidate's tests are chosen from its parent's.</param>
    public SearchRound(SearchRequest input, Job job, SandboxResult baseline, CandidateTimeLimits limits, IReadOnlyDictionary<string, ParentRun> parents, ISandbox sandbox)
    {
        (_input, _job, _baseline, _parents, Limits) = (input, job, baseline, parents, limits);
        _selected = new SelectedTestRuns(job, (variants, whole, cancellationToken) => RunAsync(sandbox, variants, whole ? new(job.Timeout, null) : limits, cancellationToken))
        {
            Enabled = input.SelectTests,
        };
    }

    public sealed record Evaluation(CandidateSummary Summary, SandboxResult Result, IReadOnlyList<JobFile> Files, string Diff);

    /// <summary>A parent of the round's candidates: its files as changes to the job, its run, and its localization (which, from coverage, knows the tests that ran each line).</summary>
    public sealed record ParentRun(SandboxVariant Variant, SandboxResult Result, LineSuspicion? Suspicion = null);

    public List<Evaluation> Evaluated { get; } = [];

    /// <summary>The candidates' time limits.</summary>
    public CandidateTimeLimits Limits { get; }

    /// <summary>How many candidates hung: their run, or one of their tests, ran out of time.</summary>
    public int Hung => Evaluated.Count(e => e.Result.RanOutOfTime);

    /// <summary>What test selection did in this round, and why it was not used where it was not.</summary>
    public TestSelectionTally Selection => _selected.Tally;

    public IReadOnlyCollection<string> SelectionUnused => _selected.Unused;

    public async Task RunAsync(List<(SearchCandidate Candidate, string Key, string ParentKey)> chosen, CancellationToken cancellationToken)
    {
        // Each variant sends only the files it changes; the job goes in once.
        var candidates = chosen.Select(c => ToRun(c.Candidate, c.ParentKey)).ToList();
        var results = await _selected.RunAsync(candidates, cancellationToken);
        foreach (var ((candidate, key, parentKey), result) in chosen.Zip(results))
        {
            var (diff, changedLines) = EvaluateCandidateActivity.Diff(_job.Files, candidate.Files);
            var suspicion = result.AllPassed ? TestGamingCheck.OfChange(_job, candidate.Files, _baseline, result) : [];
            var summary = CandidateSummary.Of(key, _input.Round, parentKey, result, changedLines, result.Timings.Run, cached: false,
                RepairOrchestrator.SearchMarker + candidate.Description, suspicion);
            WandTelemetry.CandidatesRun("search", summary.Result);
            Evaluated.Add(new Evaluation(summary, result, candidate.Files, diff));
        }
    }

    /// <summary>A candidate as its tests are chosen: its edit, and, from coverage, the tests that failed or ran the edited line in its parent.</summary>
    private SelectionCandidate ToRun(SearchCandidate candidate, string parentKey)
    {
        var parent = _parents[parentKey];
        var covering = parent.Suspicion?.Covering is { } lines
            ? parent.Suspicion.FailedTests.Union(lines.GetValueOrDefault((candidate.Edit.Path, candidate.Edit.Line)) ?? [], StringComparer.Ordinal).ToList()
            : null;
        return new SelectionCandidate(new SandboxVariant(CandidateChanges.Between(_job.Files, candidate.Files).Changed), parentKey,
            parent.Variant, parent.Result, [candidate.Edit.Path], covering);
    }

    /// <summary>Runs variants with the given limits, and those that were slow, not hung, again with the job's.</summary>
    private async Task<IReadOnlyList<SandboxResult>> RunAsync(ISandbox sandbox, IReadOnlyList<SandboxVariant> variants, CandidateTimeLimits limits, CancellationToken cancellationToken)
    {
        var results = (await sandbox.RunVariantsAsync(new SandboxVariants(_job, variants, limits.Run, limits.Test), cancellationToken)).ToArray();
        var slow = Enumerable.Range(0, results.Length).Where(i => limits.SlowNotHung(results[i], _job.Timeout, _baseline.Passed)).ToList();
        if (slow.Count == 0)
        {
            return results;
        }

        var again = await sandbox.RunVariantsAsync(new SandboxVariants(_job, [.. slow.Select(i => variants[i])], _job.Timeout), cancellationToken);
        foreach (var (index, result) in slow.Zip(again))
        {
            results[index] = result;
        }

        return results;
    }
}
