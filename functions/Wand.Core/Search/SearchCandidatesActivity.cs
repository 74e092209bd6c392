using Wand.Jobs;
using Wand.Plumbing;
using Wand.Repair;
using Wand.Sandbox;
using Wand.SourceCode;
using Wand.Trust;

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

    public async Task<SearchRoundResult> RunAsync(SearchRequest input, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var store = artifacts.Store;
        var job = await artifacts.JobAsync(input.JobId, cancellationToken);
        var sandboxJob = job.ToJob();
        var editable = EditableFiles.Of(sandboxJob);
        var dialect = SourceDialect.For(sandboxJob.Language);

        var seen = new HashSet<string>(input.ParentKeys, StringComparer.Ordinal) { CandidateKey.Of(job.Files) };
        for (var round = 1; round < input.Round; round++)
        {
            foreach (var earlier in await store.GetJsonAsync<List<CandidateSummary>>(JobBlobNames.SearchRound(input.JobId, round), cancellationToken) ?? [])
            {
                seen.Add(earlier.Key);
            }
        }

        // Each parent's edits, best first; merged by weight so a strong edit of the second parent
        // runs before a weak one of the first.
        var streams = new List<IEnumerator<SearchCandidate>>();
        var proposed = 0;
        // The first parent's run sets each candidate's time limit; its localization is the one reported.
        (SandboxResult Result, string Localization)? first = null;
        foreach (var parentKey in input.ParentKeys)
        {
            var files = await artifacts.FilesAsync(input.JobId, parentKey, cancellationToken);
            var result = await artifacts.ResultAsync(input.JobId, parentKey, cancellationToken);
            var suspicion = await LocalizeAsync(sandboxJob with { Files = files }, result, editable, dialect, cancellationToken);
            first ??= (result, suspicion.Method);
            var edits = SearchGenerator.RankEdits(files, editable, dialect, suspicion);
            proposed += edits.Count;
            streams.Add(SearchGenerator.Candidates(files, edits).GetEnumerator());
        }

        var queue = new PriorityQueue<(int Stream, SearchCandidate Candidate), double>();
        for (var i = 0; i < streams.Count; i++)
        {
            Advance(queue, streams, i);
        }

        var timeout = VariantTimeout(first!.Value.Result, sandboxJob.Timeout);
        var baseline = await artifacts.ResultAsync(input.JobId, CandidateKey.Of(job.Files), cancellationToken);
        var evaluated = new List<(CandidateSummary Summary, SandboxResult Result, IReadOnlyList<JobFile> Files, string Diff)>();
        while (evaluated.Count < input.MaxCandidates && !evaluated.Any(e => e.Summary.AllPassed))
        {
            var chosen = new List<(SearchCandidate Candidate, string Key, string ParentKey)>();
            while (chosen.Count < Math.Min(VariantsPerRun, input.MaxCandidates - evaluated.Count) && queue.TryDequeue(out var next, out _))
            {
                Advance(queue, streams, next.Stream);
                var key = CandidateKey.Of(next.Candidate.Files);
                if (seen.Add(key))
                {
                    chosen.Add((next.Candidate, key, input.ParentKeys[next.Stream]));
                }
            }

            if (chosen.Count == 0)
            {
                break;
            }

            var variants = chosen.Select(b => new SandboxVariant([.. b.Candidate.Files.Where(f => !job.Files.Any(o => o.Path == f.Path && o.Content.AsSpan().SequenceEqual(f.Content)))])).ToList();
            var results = await sandbox.RunVariantsAsync(new SandboxVariants(sandboxJob, variants, timeout), cancellationToken);
            foreach (var ((candidate, key, parentKey), result) in chosen.Zip(results))
            {
                var (diff, changedLines) = EvaluateCandidateActivity.Diff(job.Files, candidate.Files);
                var suspicion = result.AllPassed ? TestGamingCheck.OfChange(sandboxJob, candidate.Files, baseline, result) : [];
                var summary = CandidateSummary.Of(key, input.Round, parentKey, result, changedLines, result.Timings.Run, cached: false,
                    RepairOrchestrator.SearchMarker + candidate.Description, suspicion);
                evaluated.Add((summary, result, candidate.Files, diff));
            }
        }

        // Of several candidates that pass everything, the likeliest edit (the generator's order) is
        // the fix offered; the others stay listed. Ranking them by run time would pick by noise.
        var winner = evaluated.FirstOrDefault(e => e.Summary.AllPassed).Summary;
        var ranked = evaluated.Where(e => !e.Summary.AllPassed || e.Summary == winner).Ranked(e => e.Summary)
            .Concat(evaluated.Where(e => e.Summary.AllPassed && e.Summary != winner)).ToList();
        // Candidates caught gaming the tests rank last, yet every report lists them: they are kept and returned too.
        var suspicious = evaluated.Where(e => e.Summary.IsSuspicious).ToList();
        foreach (var (summary, result, files, diff) in ranked.Take(StoredPerRound).Union(suspicious))
        {
            await artifacts.PutEvaluationAsync(input.JobId, summary, result, diff, files, cancellationToken);
        }

        await store.PutJsonAsync(JobBlobNames.SearchRound(input.JobId, input.Round), evaluated.Select(e => e.Summary).ToList(), cancellationToken);
        var best = ranked.Where(e => !e.Summary.AllPassed || e.Summary == winner).Take(16).Union(suspicious).Select(e => e.Summary);
        return new SearchRoundResult(input.Round, proposed, evaluated.Count, [.. best], first!.Value.Localization, clock.ElapsedMilliseconds);
    }

    /// <summary>
    /// A candidate's own limit: a few times what its parent took, so a candidate that loops costs
    /// seconds, not the job's whole limit (which stays the ceiling).
    /// </summary>
    public static TimeSpan VariantTimeout(SandboxResult parent, TimeSpan jobTimeout)
    {
        var limit = TimeSpan.FromSeconds(Math.Ceiling((parent.Timings.Run.TotalSeconds * 2) + 1));
        return limit < jobTimeout ? limit : jobTimeout;
    }

    private async Task<LineSuspicion> LocalizeAsync(Job parent, SandboxResult result, IReadOnlySet<string> editable, SourceDialect dialect, CancellationToken cancellationToken)
    {
        // Python: one traced run gives per-test coverage. It needs the image's own test command
        // (a job's custom command may not be pytest); when the trace is missing, traces decide.
        if (dialect.IsPython && parent.TestCommand == LanguageProfile.DefaultTestCommand && result.Reason == ExitReason.Completed)
        {
            var traced = await sandbox.RunAsync(PythonCoverage.Traced(parent), cancellationToken);
            if (PythonCoverage.Suspicion(traced.Stdout, editable) is { } coverage)
            {
                return coverage;
            }
        }

        return FailureTraces.Suspicion(parent.Files, editable, result, dialect);
    }

    private static void Advance(PriorityQueue<(int, SearchCandidate), double> queue, List<IEnumerator<SearchCandidate>> streams, int stream)
    {
        if (streams[stream].MoveNext())
        {
            queue.Enqueue((stream, streams[stream].Current), -streams[stream].Current.Weight);
        }
    }
}
