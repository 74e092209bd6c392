using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Wand.Activities;

namespace Wand.Pipeline;

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

    private static readonly TaskOptions Retries = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1), 2.0));

    public static async Task<RepairOutcome> RunAsync(TaskOrchestrationContext context, RepairRequest request)
    {
        var log = context.CreateReplaySafeLogger(Name);
        var settings = request.Settings;
        var budget = settings.Budget;
        var spending = RepairSpending.Start(context.CurrentUtcDateTime);

        context.SetCustomStatus(new RepairProgress("baseline", 0, 0, 0, 0, 0, 0));
        var baselineRun = await context.CallActivityAsync<BaselineEvaluation>(
            WandTasks.EvaluateBaseline, new BaselineRequest(request.JobId, settings.BaselineRuns), Retries);
        var baseline = baselineRun.Baseline;
        var evaluated = new List<CandidateSummary> { baseline };
        var generations = new List<GeneratedCandidate>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { baseline.Key };
        var unconfirmed = new HashSet<string>(StringComparer.Ordinal);
        int duplicates = 0, unusable = 0;

        RepairOutcome Outcome(RepairStatus status, string why) => new(
            request.JobId, status, why, baseline, Ranked(evaluated, unconfirmed).FirstOrDefault(c => c.Round > 0), spending,
            generations.Count(g => g.Key is not null), duplicates, unusable, baselineRun.FlakyTests);

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
            var round = spending.Rounds + 1;
            spending = spending with { Rounds = round };
            var parents = Ranked(evaluated, unconfirmed).Take(settings.ParentsKept).ToList();
            var attempts = evaluated.Where(c => c.Round > 0).Select(c => c.Describe()).TakeLast(5).ToList();
            var wanted = spending.RunsAllowed(budget, settings.CandidatesPerRound);
            Progress(context, "generating", round, evaluated, spending);
            var requests = Enumerable.Range(0, wanted)
                .Select(i => new GenerationRequest(request.JobId, round, i, parents[i % parents.Count].Key, attempts))
                .Select(r => context.CallActivityAsync<GeneratedCandidate>(WandTasks.GenerateCandidate, r, Retries));
            var generated = await Task.WhenAll(requests);
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
            var runs = spending.Exhausted(budget with { MaxRounds = int.MaxValue, MaxTokens = long.MaxValue }, context.CurrentUtcDateTime) is null
                ? spending.RunsAllowed(budget, fresh.Count)
                : 0;
            Progress(context, "evaluating", round, evaluated, spending);
            var results = await Task.WhenAll(fresh.Take(runs).Select(g => context.CallActivityAsync<CandidateSummary>(
                WandTasks.EvaluateCandidate, new EvaluationRequest(request.JobId, g.Key!, round, g.ParentKey, g.Explanation, JobArtifacts.GenerationFiles(request.JobId, g.Round, g.Index)), Retries)));
            evaluated.AddRange(results);
            spending = spending with { Candidates = spending.Candidates + results.Length };
            LogRound(log, request.JobId, round, generated.Length, fresh.Count, results.Length);

            foreach (var winner in Ranked(evaluated, unconfirmed).Where(c => c.AllPassed && c.Round > 0).ToList())
            {
                Progress(context, "confirming", round, evaluated, spending);
                var again = await context.CallActivityAsync<CandidateSummary>(WandTasks.EvaluateCandidate,
                    new EvaluationRequest(request.JobId, winner.Key, winner.Round, winner.ParentKey, winner.Explanation, Confirm: true), Retries);
                if (again.AllPassed)
                {
                    return await ReportAsync(context, Outcome(RepairStatus.Repaired,
                        $"candidate {winner.ShortKey} passes every test, and did again on a second run"), evaluated, generations);
                }

                // Passing once and failing once is a flaky candidate: never returned as the fix.
                unconfirmed.Add(winner.Key);
            }

            Progress(context, "ranked", round, evaluated, spending);
        }

        return await ReportAsync(context, Outcome(RepairStatus.NotRepaired, stop), evaluated, generations);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Job {JobId} round {Round}: {Generated} generated, {Fresh} new, {Run} run")]
    private static partial void LogRound(ILogger logger, string jobId, int round, int generated, int fresh, int run);

    /// <summary>Best first; a winner that failed its confirming run ranks as what it is at worst, a failing candidate.</summary>
    private static IEnumerable<CandidateSummary> Ranked(List<CandidateSummary> evaluated, HashSet<string> unconfirmed) =>
        evaluated.Select(c => unconfirmed.Contains(c.Key) ? c with { AllPassed = false } : c).OrderBy(c => c.Score);

    private static void Progress(TaskOrchestrationContext context, string phase, int round, List<CandidateSummary> evaluated, RepairSpending spending)
    {
        var best = evaluated.OrderBy(c => c.Score).First();
        context.SetCustomStatus(new RepairProgress(phase, round, evaluated.Count - 1, best.Passed, evaluated[0].TestCount, spending.Tokens, spending.LlmCalls));
    }

    private static async Task<RepairOutcome> ReportAsync(TaskOrchestrationContext context, RepairOutcome outcome, List<CandidateSummary> evaluated, List<GeneratedCandidate> generations)
    {
        var best = evaluated.OrderBy(c => c.Score).First();
        context.SetCustomStatus(new RepairProgress("reporting", outcome.Spending.Rounds, evaluated.Count - 1, best.Passed, evaluated[0].TestCount, outcome.Spending.Tokens, outcome.Spending.LlmCalls));
        return await context.CallActivityAsync<RepairOutcome>(WandTasks.WriteReport, new ReportRequest(outcome, evaluated, generations), Retries);
    }
}
