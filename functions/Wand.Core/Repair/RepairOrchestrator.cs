using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Wand.Plumbing;
using Wand.Sandbox;

namespace Wand.Repair;

/// <summary>
/// The repair loop (DESIGN.md, "Pipeline shape"): run the code as given; then in rounds, ask
/// for K candidates starting from the best M so far, drop duplicates, evaluate the rest in
/// parallel sandboxes, rank, and stop at the first candidate that passes every test twice, or
/// when the budget is spent. State holds keys and summaries only; code and logs are blobs.
/// </summary>
/// <remarks>
/// Budget: a round starts only while rounds, candidate runs, tokens and wall time remain; a
/// candidate is run only while candidate runs and wall time remain. Work already started
/// finishes (an LLM call in flight still counts its tokens). The winner's confirming run is
/// part of its evaluation and is never skipped.
/// </remarks>
public static partial class RepairOrchestrator
{
    public const string Name = "RepairOrchestrator";

    public static async Task<RepairOutcome> RunAsync(TaskOrchestrationContext context, RepairRequest request)
    {
        var log = context.CreateReplaySafeLogger(Name);
        var settings = request.Settings;
        var budget = settings.Budget;
        // Candidate runs and wall time: what a sandbox run may still use.
        var runBudget = budget with { MaxRounds = int.MaxValue, MaxTokens = long.MaxValue };
        var spending = RepairSpending.Start(context.CurrentUtcDateTime);

        context.SetCustomStatus(new RepairProgress("baseline", 0, 0, 0, 0, 0, 0));
        var baselineRun = await context.CallActivityAsync<BaselineEvaluation>(
            RepairTasks.EvaluateBaseline, new BaselineRequest(request.JobId, settings.BaselineRuns), ActivityRetries.Infrastructure);
        var baseline = baselineRun.Baseline;
        var evaluated = new List<CandidateSummary> { baseline };
        var generations = new List<GeneratedCandidate>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { baseline.Key };
        int duplicates = 0, unusable = 0;

        var generator = settings.Generator ?? RepairGenerator.Llm;
        var saved = 0;

        RepairOutcome Outcome(RepairStatus status, string why) => new(
            request.JobId, status, why, baseline, evaluated.Ranked().FirstOrDefault(c => c.Round > 0 && !c.IsSuspicious), spending,
            generations.Count(g => g.Key is not null) + spending.SearchRuns, duplicates, unusable, baselineRun.FlakyTests,
            Generator: generator, LlmCallsSaved: saved, Notes: request.Notes, Suspicious: [.. evaluated.Where(c => c.IsSuspicious)]);

        if (baseline.Reason == ExitReason.NoTests)
        {
            return await ReportAsync(context, Outcome(RepairStatus.NoTests, baseline.FirstFailure ?? "no test ran on the original code"), evaluated, generations);
        }

        if (baselineRun.FlakyTests.Count > 0)
        {
            return await ReportAsync(context, Outcome(RepairStatus.FlakyBaseline,
                $"the original code's tests gave different outcomes on {settings.BaselineRuns} runs ({string.Join(", ", baselineRun.FlakyTests)})"), evaluated, generations);
        }

        if (baseline.AllPassed)
        {
            return await ReportAsync(context, Outcome(RepairStatus.AlreadyPassing, "the original code passes every test"), evaluated, generations);
        }

        string? stop;
        while ((stop = spending.Exhausted(budget, context.CurrentUtcDateTime)) is null)
        {
            if (generator == RepairGenerator.Search && spending.SearchRunsAllowed(budget, settings.SearchPerRound) == 0)
            {
                stop = $"all {budget.MaxSearchCandidates} search candidates are spent";
                break;
            }

            var round = spending.Rounds + 1;
            spending = spending with { Rounds = round };
            if (generator == RepairGenerator.Search)
            {
                var parents = SearchParents(evaluated, baseline, settings.ParentsKept);
                if (await SearchAsync(round, parents, spending.SearchRunsAllowed(budget, settings.SearchPerRound)) == 0)
                {
                    stop = "the search has no untried edit left";
                    break;
                }
            }
            else
            {
                await LlmRoundAsync(round);
                if (generator == RepairGenerator.Hybrid && !evaluated.Any(c => c.AllPassed && c.Round > 0))
                {
                    // Near misses of this round: they run and pass some tests, fail others.
                    var nearMisses = evaluated.Ranked().Where(c => c.Round == round && c.Reason == ExitReason.Completed && c.Passed > 0 && c.Failed > 0)
                        .Take(settings.ParentsKept).Select(c => c.Key).ToList();
                    var allowed = spending.SearchRunsAllowed(budget, settings.SearchPerRound);
                    if (nearMisses.Count > 0 && allowed > 0 && spending.Exhausted(runBudget, context.CurrentUtcDateTime) is null)
                    {
                        await SearchAsync(round, nearMisses, allowed);
                        if (evaluated.Any(c => c.AllPassed && c.Round == round && c.Explanation?.StartsWith(SearchMarker, StringComparison.Ordinal) == true))
                        {
                            // Another LLM round would have been needed without the search's fix.
                            saved = round < budget.MaxRounds ? settings.CandidatesPerRound : 0;
                        }
                    }
                }
            }

            if (await ConfirmAsync(round))
            {
                var winner = evaluated.Ranked().First(c => c.AllPassed && c.Round > 0);
                return await ReportAsync(context, Outcome(RepairStatus.Repaired,
                    $"candidate {winner.ShortKey} passes every test, and did again on a second run"), evaluated, generations);
            }

            saved = 0;
            Progress(context, "ranked", round, evaluated, spending);
        }

        return await ReportAsync(context, Outcome(RepairStatus.NotRepaired, stop), evaluated, generations);

        async Task LlmRoundAsync(int round)
        {
            var parents = evaluated.Ranked().Take(settings.ParentsKept).ToList();
            var attempts = evaluated.Where(c => c.Round > 0).Select(c => c.Describe()).TakeLast(5).ToList();
            var wanted = spending.RunsAllowed(budget, settings.CandidatesPerRound);
            Progress(context, "generating", round, evaluated, spending);
            var generated = await Task.WhenAll(Enumerable.Range(0, wanted).Select(i =>
                GenerateAsync(context, new GenerationRequest(request.JobId, round, i, parents[i % parents.Count].Key, attempts))));
            generations.AddRange(generated);
            spending = spending with
            {
                Tokens = spending.Tokens + generated.Sum(g => (long)g.Tokens),
                LlmCalls = spending.LlmCalls + generated.Sum(g => g.Calls),
            };

            var fresh = new List<GeneratedCandidate>();
            foreach (var g in generated)
            {
                if (g.Key is null)
                {
                    unusable++;
                }
                else if (!seen.Add(g.Key))
                {
                    duplicates++;
                }
                else
                {
                    fresh.Add(g);
                }
            }

            // The wall-time and candidate budgets hold here too: generation may have used them up.
            var runs = spending.Exhausted(runBudget, context.CurrentUtcDateTime) is null ? spending.RunsAllowed(budget, fresh.Count) : 0;
            Progress(context, "evaluating", round, evaluated, spending);
            var results = await Task.WhenAll(fresh.Take(runs).Select(g => EvaluateAsync(context,
                new EvaluationRequest(request.JobId, g.Key!, round, g.ParentKey, g.Explanation, JobBlobNames.GenerationFiles(request.JobId, g.Round, g.Index, g.Key!)))));
            spending = spending with { Candidates = spending.Candidates + runs };
            foreach (var (summary, g) in results.Zip(fresh))
            {
                if (summary is null)
                {
                    unusable++;
                    generations[generations.IndexOf(g)] = g with { Problem = "its evaluation failed: the sandbox could not run it (see the logs)" };
                }
                else
                {
                    evaluated.Add(summary);
                }
            }

            LogRound(log, request.JobId, round, generated.Length, fresh.Count, runs);
        }

        // One search round from the given parents; returns how many candidates it ran.
        async Task<int> SearchAsync(int round, IReadOnlyList<string> parents, int allowed)
        {
            Progress(context, "searching", round, evaluated, spending);
            var searched = await context.CallActivityAsync<SearchRoundResult>(
                RepairTasks.SearchCandidates, new SearchRequest(request.JobId, round, parents, allowed), ActivityRetries.Infrastructure);
            spending = spending with { SearchRuns = spending.SearchRuns + searched.Evaluated };
            evaluated.AddRange(searched.Best.Where(c => seen.Add(c.Key)));

            LogSearch(log, request.JobId, round, searched.Proposed, searched.Evaluated, searched.Localization);
            return searched.Evaluated;
        }

        // The best winner is confirmed by a second run. One that fails it takes the worse
        // run's place, so it is never returned as the fix, nor shown as passing.
        async Task<bool> ConfirmAsync(int round)
        {
            var confirmations = 0;
            while (evaluated.Ranked().FirstOrDefault(c => c.AllPassed && c.Round > 0) is { } winner
                && (confirmations == 0 || spending.Exhausted(runBudget, context.CurrentUtcDateTime) is null))
            {
                confirmations++;
                Progress(context, "confirming", round, evaluated, spending);
                var again = await EvaluateAsync(context, new EvaluationRequest(
                    request.JobId, winner.Key, winner.Round, winner.ParentKey, winner.Explanation, Confirm: true));
                spending = spending with { Candidates = spending.Candidates + 1 };
                if (again is { AllPassed: true })
                {
                    return true;
                }

                evaluated[evaluated.IndexOf(winner)] = (again ?? winner with { AllPassed = false }) with
                {
                    AllPassed = false,
                    FirstFailure = $"passed once, then failed a second run: {again?.FirstFailure ?? "the second run could not be made"}",
                };
            }

            return false;
        }
    }

    /// <summary>How the explanation of a candidate the search found begins, so people (and the hybrid count) can tell.</summary>
    public const string SearchMarker = "search: ";

    /// <summary>The original code and up to <paramref name="kept"/> - 1 candidates that pass more of its tests, best first.</summary>
    private static List<string> SearchParents(List<CandidateSummary> evaluated, CandidateSummary baseline, int kept) =>
        [.. evaluated.Ranked().Where(c => c.Round > 0 && c.Reason == ExitReason.Completed && c.Passed > baseline.Passed).Take(kept - 1).Select(c => c.Key), baseline.Key];

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Job {JobId} round {Round}: {Generated} generated, {Fresh} new, {Run} run")]
    private static partial void LogRound(ILogger logger, string jobId, int round, int generated, int fresh, int run);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Job {JobId} round {Round}: the search had {Proposed} edits, ran {Evaluated} (localized by {Localization})")]
    private static partial void LogSearch(ILogger logger, string jobId, int round, int proposed, int evaluated, string localization);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Job {JobId}: activity {Activity} failed after its retries: {Error}")]
    private static partial void LogActivityFailed(ILogger logger, string jobId, string activity, string error);

    /// <summary>A generation that fails even after its retries is a candidate that was not had, not the end of the job.</summary>
    private static async Task<GeneratedCandidate> GenerateAsync(TaskOrchestrationContext context, GenerationRequest request)
    {
        try
        {
            return await context.CallActivityAsync<GeneratedCandidate>(RepairTasks.GenerateCandidate, request, ActivityRetries.Generation);
        }
        catch (TaskFailedException ex)
        {
            LogActivityFailed(context.CreateReplaySafeLogger(Name), request.JobId, RepairTasks.GenerateCandidate, ex.FailureDetails.ErrorMessage);
            return new GeneratedCandidate(request.Round, request.Index, request.ParentKey, null, $"the generation failed: {ex.FailureDetails.ErrorMessage}", null, 0, 0, 1);
        }
    }

    /// <summary>An evaluation that fails even after its retries (the sandbox host, not the candidate) is null: the job goes on.</summary>
    private static async Task<CandidateSummary?> EvaluateAsync(TaskOrchestrationContext context, EvaluationRequest request)
    {
        try
        {
            return await context.CallActivityAsync<CandidateSummary>(RepairTasks.EvaluateCandidate, request, ActivityRetries.Infrastructure);
        }
        catch (TaskFailedException ex)
        {
            LogActivityFailed(context.CreateReplaySafeLogger(Name), request.JobId, RepairTasks.EvaluateCandidate, ex.FailureDetails.ErrorMessage);
            return null;
        }
    }

    private static void Progress(TaskOrchestrationContext context, string phase, int round, List<CandidateSummary> evaluated, RepairSpending spending)
    {
        var best = evaluated.Ranked().First();
        context.SetCustomStatus(new RepairProgress(phase, round, spending.Candidates + spending.SearchRuns, best.Passed, evaluated[0].TestCount, spending.Tokens, spending.LlmCalls));
    }

    private static async Task<RepairOutcome> ReportAsync(TaskOrchestrationContext context, RepairOutcome outcome, List<CandidateSummary> evaluated, List<GeneratedCandidate> generations)
    {
        Progress(context, "reporting", outcome.Spending.Rounds, evaluated, outcome.Spending);
        return await context.CallActivityAsync<RepairOutcome>(RepairTasks.WriteReport, new ReportRequest(outcome, evaluated, generations), ActivityRetries.Infrastructure);
    }
}
