using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Wand.Behaviour;
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

    /// <summary>How the explanation of a candidate the search found begins, so people (and the hybrid count) can tell.</summary>
    public const string SearchMarker = "search: ";

    public static Task<RepairOutcome> RunAsync(TaskOrchestrationContext context, RepairRequest request) => new RepairRun(context, request).RunAsync();

    /// <summary>One execution of the loop (made again on every replay): the pool of candidates and what is spent.</summary>
    private sealed class RepairRun(TaskOrchestrationContext context, RepairRequest request)
    {
        private readonly RepairSettings _settings = request.Settings;
        private readonly RepairGenerator _generator = request.Settings.Generator ?? RepairGenerator.Llm;
        private RepairSpending _spending = RepairSpending.Start(context.CurrentUtcDateTime);
        private BaselineEvaluation _baseline = null!;
        private CandidatePool _pool = null!;
        private int _saved;

        private RepairBudget Budget => _settings.Budget;

        private int Round => _spending.Rounds;

        // Candidate runs and wall time: what a sandbox run may still use.
        private bool MayRun => _spending.Exhausted(Budget with { MaxRounds = int.MaxValue, MaxTokens = long.MaxValue }, context.CurrentUtcDateTime) is null;

        public async Task<RepairOutcome> RunAsync()
        {
            context.SetCustomStatus(new RepairProgress("baseline", 0, 0, 0, 0, 0, 0));
            _baseline = await context.CallActivityAsync<BaselineEvaluation>(
                RepairTasks.EvaluateBaseline, new BaselineRequest(request.JobId, _settings.BaselineRuns), ActivityRetries.Infrastructure);
            _pool = new CandidatePool(_baseline.Baseline);
            if (WhyNotRepair() is { } already)
            {
                return await ReportAsync(already.Status, already.Why);
            }

            string? stop;
            while ((stop = _spending.Exhausted(Budget, context.CurrentUtcDateTime) ?? await RoundAsync()) is null)
            {
                if (await ConfirmAsync())
                {
                    var behaviour = await ExamineAsync();
                    var chosenByGroups = behaviour is not null && behaviour.Offered != _pool.Winner!.Key;
                    return await ReportAsync(RepairStatus.Repaired,
                        $"candidate {_pool.BestChange!.ShortKey} passes every test, and did again on a second run{(chosenByGroups ? "; it does what most passing candidates do" : "")}", behaviour);
                }

                _saved = 0;
                Progress("ranked");
            }

            return await ReportAsync(RepairStatus.NotRepaired, stop);
        }

        /// <summary>Why the original code is not for repair: no test ran, the tests are flaky, or they already pass.</summary>
        private (RepairStatus Status, string Why)? WhyNotRepair()
        {
            var baseline = _baseline.Baseline;
            return baseline.Reason == ExitReason.NoTests ? (RepairStatus.NoTests, baseline.FirstFailure ?? "no test ran on the original code")
                : baseline.Reason == ExitReason.SetupFailed ? (RepairStatus.SetupFailed, baseline.FirstFailure ?? "the job's environment could not be made")
                : _baseline.FlakyTests.Count > 0 ? (RepairStatus.FlakyBaseline,
                    $"the original code's tests gave different outcomes on {_settings.BaselineRuns} runs ({string.Join(", ", _baseline.FlakyTests)})")
                : baseline.AllPassed ? (RepairStatus.AlreadyPassing, "the original code passes every test")
                : null;
        }

        /// <summary>One round of the chosen generator; why the repair must stop instead, or null.</summary>
        private async Task<string?> RoundAsync()
        {
            if (_generator == RepairGenerator.Search && _spending.SearchRunsAllowed(Budget, _settings.SearchPerRound) == 0)
            {
                return $"all {Budget.MaxSearchCandidates} search candidates are spent";
            }

            _spending = _spending with { Rounds = _spending.Rounds + 1 };
            if (_generator == RepairGenerator.Search)
            {
                var searched = await SearchAsync(_pool.SearchParents(_settings.ParentsKept), _spending.SearchRunsAllowed(Budget, _settings.SearchPerRound));
                return searched.Evaluated == 0 ? searched.NothingEditable ?? "the search has no untried edit left" : null;
            }

            await LlmRoundAsync();
            if (_generator == RepairGenerator.Hybrid && _pool.Winner is null)
            {
                await PolishNearMissesAsync();
            }

            return null;
        }

        private async Task LlmRoundAsync()
        {
            var parents = _pool.Best(_settings.ParentsKept);
            var attempts = _pool.Attempts;
            var wanted = _spending.RunsAllowed(Budget, _settings.CandidatesPerRound);
            Progress("generating");
            var generated = await Task.WhenAll(Enumerable.Range(0, wanted).Select(i =>
                GenerateAsync(context, new GenerationRequest(request.JobId, Round, i, parents[i % parents.Count].Key, attempts))));
            _spending = _spending with
            {
                Tokens = _spending.Tokens + generated.Sum(g => (long)g.Tokens),
                LlmCalls = _spending.LlmCalls + generated.Sum(g => g.Calls),
            };
            var fresh = _pool.AddGenerated(generated);

            // The wall-time and candidate budgets hold here too: generation may have used them up.
            var runs = MayRun ? _spending.RunsAllowed(Budget, fresh.Count) : 0;
            Progress("evaluating");
            var results = await Task.WhenAll(fresh.Take(runs).Select(g => EvaluateAsync(context,
                new EvaluationRequest(request.JobId, g.Key!, Round, g.ParentKey, g.Explanation, JobBlobNames.GenerationFiles(request.JobId, g.Round, g.Index, g.Key!),
                    SelectTests: _settings.SelectTests))));
            _spending = _spending with { Candidates = _spending.Candidates + runs };
            foreach (var (summary, g) in results.Zip(fresh))
            {
                _pool.AddEvaluated(g, summary);
            }

            var log = context.CreateReplaySafeLogger(Name);
            LogRound(log, request.JobId, Round, generated.Length, fresh.Count, runs);
        }

        // Hybrid: the search polishes the LLM round's near misses.
        private async Task PolishNearMissesAsync()
        {
            var nearMisses = _pool.NearMisses(Round, _settings.ParentsKept);
            var allowed = _spending.SearchRunsAllowed(Budget, _settings.SearchPerRound);
            if (nearMisses.Count > 0 && allowed > 0 && MayRun)
            {
                await SearchAsync(nearMisses, allowed);
                if (_pool.PassedIn(Round, SearchMarker))
                {
                    // Another LLM round would have been needed without the search's fix.
                    _saved = Round < Budget.MaxRounds ? _settings.CandidatesPerRound : 0;
                }
            }
        }

        // One search round from the given parents; returns what it ran, and why it could run nothing if so.
        private async Task<SearchRoundResult> SearchAsync(IReadOnlyList<string> parents, int allowed)
        {
            Progress("searching");
            var searched = await context.CallActivityAsync<SearchRoundResult>(
                RepairTasks.SearchCandidates, new SearchRequest(request.JobId, Round, parents, allowed, _settings.SelectTests), ActivityRetries.Infrastructure);
            _spending = _spending.WithSearchRound(new SearchRoundTime(Round, searched.Evaluated, searched.Hung, searched.DurationMs, searched.RunLimitSeconds, searched.TestLimitSeconds))
                .WithSelection(searched.Tests, searched.SelectionUnused);
            _pool.AddSearched(searched.Best, searched.AlsoPassing);
            var log = context.CreateReplaySafeLogger(Name);
            LogSearch(log, request.JobId, Round, searched.Proposed, searched.Evaluated, searched.Localization, searched.Hung, searched.DurationMs);
            return searched;
        }

        // The best winner is confirmed by a second run. One that fails it takes the worse
        // run's place, so it is never returned as the fix, nor shown as passing.
        private async Task<bool> ConfirmAsync()
        {
            var confirmations = 0;
            while (_pool.Winner is { } winner && (confirmations == 0 || MayRun))
            {
                confirmations++;
                Progress("confirming");
                var again = await EvaluateAsync(context, new EvaluationRequest(
                    request.JobId, winner.Key, winner.Round, winner.ParentKey, winner.Explanation, Confirm: true));
                _spending = _spending with { Candidates = _spending.Candidates + 1 };
                if (again is { AllPassed: true })
                {
                    return true;
                }

                _pool.FailedConfirmation(winner, again);
            }

            return false;
        }

        /// <summary>
        /// The passing candidates compared on inputs amplified from the tests (Behaviour/). When the
        /// largest group is not the winner's, its first candidate is offered instead, once it passes
        /// a second run too. A probe that fails leaves the fix plausible: the tests are its only evidence.
        /// </summary>
        private async Task<BehaviourEvidence?> ExamineAsync()
        {
            var winner = _pool.Winner!;
            if (_settings.BehaviourCandidates == 0)
            {
                return null;
            }

            Progress("examining");
            BehaviourEvidence evidence;
            try
            {
                evidence = await context.CallActivityAsync<BehaviourEvidence>(
                    RepairTasks.ExamineBehaviour, new BehaviourRequest(request.JobId, _pool.Passing(_settings.BehaviourCandidates)), ActivityRetries.Infrastructure);
            }
            catch (TaskFailedException ex)
            {
                LogActivityFailed(context.CreateReplaySafeLogger(Name), request.JobId, RepairTasks.ExamineBehaviour, ex.FailureDetails.ErrorMessage);
                return BehaviourEvidence.NotExamined(winner.Key, "the behaviour probe failed");
            }

            if (evidence.Offered == winner.Key)
            {
                return evidence;
            }

            var chosen = _pool.Find(evidence.Offered);
            Progress("confirming");
            var again = await EvaluateAsync(context, new EvaluationRequest(request.JobId, chosen.Key, chosen.Round, chosen.ParentKey, chosen.Explanation, Confirm: true));
            _spending = _spending with { Candidates = _spending.Candidates + 1 };
            if (again is { AllPassed: true })
            {
                _pool.Offer(chosen.Key);
                return evidence;
            }

            // The disagreements and the test were written for the chosen candidate: they do not describe the winner.
            _pool.FailedConfirmation(chosen, again);
            return evidence with
            {
                Confidence = Confidence.Plausible,
                Offered = winner.Key,
                Reasons = [$"most passing candidates do what candidate {chosen.ShortKey} does, and it failed a second run: the confirmed fix {winner.ShortKey} is offered", .. evidence.Reasons],
                Disagreements = [],
                Test = null,
            };
        }

        private void Progress(string phase)
        {
            var best = _pool.Best(1)[0];
            context.SetCustomStatus(new RepairProgress(phase, Round, _spending.Candidates + _spending.SearchRuns, best.Passed,
                _pool.Baseline.TestCount, _spending.Tokens, _spending.LlmCalls));
        }

        private async Task<RepairOutcome> ReportAsync(RepairStatus status, string why, BehaviourEvidence? behaviour = null)
        {
            var outcome = new RepairOutcome(
                request.JobId, status, why, _pool.Baseline, _pool.BestChange, _spending,
                _pool.Generations.Count(g => g.Key is not null) + _spending.SearchRuns, _pool.Duplicates, _pool.Unusable, _baseline.FlakyTests,
                Generator: _generator, LlmCallsSaved: _saved, Notes: request.Notes, Suspicious: _pool.Suspicious,
                Behaviour: behaviour);
            Progress("reporting");
            return await context.CallActivityAsync<RepairOutcome>(
                RepairTasks.WriteReport, new ReportRequest(outcome, [.. _pool.Evaluated, .. _pool.AlsoPassing], _pool.Generations), ActivityRetries.Infrastructure);
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Job {JobId} round {Round}: {Generated} generated, {Fresh} new, {Run} run")]
    private static partial void LogRound(ILogger logger, string jobId, int round, int generated, int fresh, int run);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Job {JobId} round {Round}: the search had {Proposed} edits, ran {Evaluated} (localized by {Localization}), {Hung} hung, in {WallMs} ms")]
    private static partial void LogSearch(ILogger logger, string jobId, int round, int proposed, int evaluated, string localization, int hung, long wallMs);

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
}
