using Wand.Jobs;
using Wand.Plumbing;
using Wand.Repair;
using Wand.Sandbox;
using Wand.SourceCode;

namespace Wand.Search;

/// <summary>
/// One round of the offline search: localize the defect from the parents' test results, rank
/// their single edits (<see cref="SearchGenerator"/>), and run the best of them many to a sandbox run
/// (many candidates per sandbox, <see cref="ISandbox.RunVariantsAsync"/>) until one passes every
/// test or the round's share is run. Generation and evaluation share one activity because
/// a search proposes hundreds of candidates that cost milliseconds each: one activity per
/// candidate would spend more on orchestration than on running them.
/// </summary>
public sealed class SearchCandidatesActivity(RepairBlobs artifacts, ISandbox sandbox)
    : IWandActivity<SearchRequest, SearchRoundResult>
{
    /// <summary>Candidates per sandbox run: big enough to spread a container's start, small enough to stop soon after a fix.</summary>
    public const int VariantsPerRun = 24;

    /// <summary>How many of a round's candidates keep their files, result, log and diff (the rest are listed only).</summary>
    public const int StoredPerRound = 25;

    /// <summary>How many candidates that pass beside the winner a round keeps for the behaviour probe.</summary>
    public const int AlsoPassingKept = 16;

    public async Task<SearchRoundResult> RunAsync(SearchRequest input, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var job = (await artifacts.JobAsync(input.JobId, cancellationToken)).ToJob();
        if (EditableFiles.Of(job).Count == 0)
        {
            return new SearchRoundResult(input.Round, 0, 0, [], "", clock.ElapsedMilliseconds) { NothingEditable = EditableFiles.NoneReason(job) };
        }

        var seen = await SeenAsync(input, job, cancellationToken);
        var (edits, proposed, first, parents) = await ProposeAsync(input, job, cancellationToken);
        var baseline = await artifacts.ResultAsync(input.JobId, CandidateKey.Of(job.Files), cancellationToken);
        var round = new SearchRound(input, job, baseline, first.Limits, parents, sandbox);
        var budget = Math.Min(input.MaxCandidates, proposed);
        while (round.Evaluated.Count < input.MaxCandidates && !round.Evaluated.Any(e => e.Summary.AllPassed))
        {
            await artifacts.Store.PutJsonAsync(JobBlobNames.SearchProgress(input.JobId), Progress(input, round, baseline, proposed, budget, clock.Elapsed), cancellationToken);
            var chosen = new List<(SearchCandidate Candidate, string Key, string ParentKey)>();
            while (chosen.Count < Math.Min(VariantsPerRun, input.MaxCandidates - round.Evaluated.Count) && edits.TryTake(out var parent, out var candidate))
            {
                if (CandidateKey.Of(candidate.Files) is var key && seen.Add(key))
                {
                    chosen.Add((candidate, key, input.ParentKeys[parent]));
                }
            }

            if (chosen.Count == 0)
            {
                break;
            }

            await round.RunAsync(chosen, cancellationToken);
        }

        var (best, alsoPassing) = await StoreAsync(input, round.Evaluated, cancellationToken);
        return new SearchRoundResult(input.Round, proposed, round.Evaluated.Count, best, first.Localization, clock.ElapsedMilliseconds)
        {
            Hung = round.Hung,
            RunLimitSeconds = round.Limits.Run.TotalSeconds,
            TestLimitSeconds = round.Limits.Test?.TotalSeconds,
            Tests = round.Selection,
            SelectionUnused = [.. round.SelectionUnused],
            AlsoPassing = alsoPassing,
        };
    }

    private static SearchRoundProgress Progress(SearchRequest input, SearchRound round, SandboxResult baseline, int proposed, int budget, TimeSpan elapsed)
    {
        // A candidate that ran only the tests chosen for it says nothing of the whole suite.
        var whole = round.Evaluated.Select(e => e.Summary).Where(s => s.ChosenTests is null).ToList();
        var best = whole.Select(s => s.Passed).Append(baseline.Passed).Max();
        // The original may not have compiled, and reported no tests.
        var tests = whole.Select(s => s.TestCount).Append(baseline.Tests.Count).Max();
        return new SearchRoundProgress(input.Round, proposed, round.Evaluated.Count, budget, round.Hung, best, tests, Math.Round(elapsed.TotalSeconds, 1));
    }

    /// <summary>The original, the parents and every candidate an earlier round ran: none is run again.</summary>
    private async Task<HashSet<string>> SeenAsync(SearchRequest input, Job job, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(input.ParentKeys, StringComparer.Ordinal) { CandidateKey.Of(job.Files) };
        for (var round = 1; round < input.Round; round++)
        {
            foreach (var earlier in await artifacts.Store.GetJsonAsync<List<CandidateSummary>>(JobBlobNames.SearchRound(input.JobId, round), cancellationToken) ?? [])
            {
                seen.Add(earlier.Key);
            }
        }

        return seen;
    }

    /// <summary>
    /// Each parent's edits, ranked from its own localization. The first parent's run sets each
    /// candidate's time limits, and its localization is the one reported.
    /// </summary>
    private async Task<(EditQueue Edits, int Proposed, (CandidateTimeLimits Limits, string Localization) First, Dictionary<string, SearchRound.ParentRun> Parents)> ProposeAsync(
        SearchRequest input, Job job, CancellationToken cancellationToken)
    {
        var editable = EditableFiles.Of(job);
        var dialect = SourceDialect.For(job.Language);
        var edits = new EditQueue();
        var proposed = 0;
        (CandidateTimeLimits Limits, string Localization)? first = null;
        var parents = new Dictionary<string, SearchRound.ParentRun>(StringComparer.Ordinal);
        foreach (var parentKey in input.ParentKeys)
        {
            var files = await artifacts.FilesAsync(input.JobId, parentKey, cancellationToken);
            var result = await artifacts.ResultAsync(input.JobId, parentKey, cancellationToken);
            var (suspicion, traced) = await LocalizeAsync(job with { Files = files }, result, editable, dialect, cancellationToken);
            first ??= (CandidateTimeLimits.Of(result, job.Timeout, traced), suspicion.Method);
            parents[parentKey] = new SearchRound.ParentRun(new SandboxVariant(CandidateChanges.Between(job.Files, files).Changed), result, suspicion);
            var ranked = SearchGenerator.RankEdits(files, editable, dialect, suspicion);
            proposed += ranked.Count;
            edits.AddParent(SearchGenerator.Candidates(files, ranked));
        }

        return (edits, proposed, first!.Value, parents);
    }

    /// <summary>
    /// Stores the round's best, every suspicious candidate and the others that pass in full, lists
    /// every one, and returns the best few for the orchestrator, and the others that pass. Of several
    /// candidates that pass everything, the likeliest edit (the generator's order) is the winner;
    /// ranking them by run time would pick by noise. The others are for the behaviour probe.
    /// </summary>
    private async Task<(List<CandidateSummary> Best, List<CandidateSummary> AlsoPassing)> StoreAsync(
        SearchRequest input, List<SearchRound.Evaluation> evaluated, CancellationToken cancellationToken)
    {
        var winner = evaluated.FirstOrDefault(e => e.Summary.AllPassed)?.Summary;
        var ranked = evaluated.Where(e => !e.Summary.AllPassed || e.Summary == winner).Ranked(e => e.Summary)
            .Concat(evaluated.Where(e => e.Summary.AllPassed && e.Summary != winner)).ToList();
        // Candidates caught gaming the tests rank last, yet every report lists them: they are kept and returned too.
        var suspicious = evaluated.Where(e => e.Summary.IsSuspicious).ToList();
        var alsoPassing = evaluated.Where(e => e.Summary.AllPassed && e.Summary != winner).Take(AlsoPassingKept).ToList();
        foreach (var e in ranked.Take(StoredPerRound).Union(suspicious).Union(alsoPassing))
        {
            await artifacts.PutEvaluationAsync(input.JobId, e.Summary, e.Result, e.Diff, e.Files, cancellationToken);
        }

        await artifacts.Store.PutJsonAsync(JobBlobNames.SearchRound(input.JobId, input.Round), evaluated.Select(e => e.Summary).ToList(), cancellationToken);
        return ([.. ranked.Where(e => !e.Summary.AllPassed || e.Summary == winner).Take(16).Union(suspicious).Select(e => e.Summary)],
            [.. alsoPassing.Select(e => e.Summary)]);
    }

    /// <summary>
    /// The parent's suspicious lines, and its traced run where it had one. Python: one traced run
    /// gives per-test coverage; it needs the image's own test command (a job's custom command may
    /// not be pytest). A parent that ran out of time is traced with a limit per test, so the tests
    /// that finish still cover their lines and the one that hangs names the line it hung on. When
    /// the trace is missing, the traces in the parent's output decide (a run that ran out of time
    /// printed its stacks just before).
    /// </summary>
    private async Task<(LineSuspicion Suspicion, SandboxResult? Traced)> LocalizeAsync(
        Job parent, SandboxResult result, IReadOnlySet<string> editable, SourceDialect dialect, CancellationToken cancellationToken)
    {
        SandboxResult? traced = null;
        if (dialect.IsPython && parent.TestCommand == LanguageProfile.DefaultTestCommand && result.Reason is ExitReason.Completed or ExitReason.Timeout)
        {
            traced = await sandbox.RunAsync(PythonCoverage.Traced(parent, result.RanOutOfTime ? PythonCoverage.HungTestLimit : null), cancellationToken);
            if (PythonCoverage.Suspicion(traced.ExtraReport, editable) is { } coverage)
            {
                return (coverage, traced);
            }
        }

        return (FailureTraces.Suspicion(parent.Files, editable, result, dialect), traced);
    }
}
