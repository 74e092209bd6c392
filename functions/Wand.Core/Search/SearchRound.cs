using Wand.Jobs;
using Wand.Repair;
using Wand.Sandbox;
using Wand.Trust;

namespace Wand.Search;

/// <summary>
/// The candidates one search round has run, each with its summary, result, files and diff: a
/// set of them at a time, many to a sandbox run, each checked for test-gaming when it passes.
/// </summary>
internal sealed class SearchRound(SearchRequest input, Job job, SandboxResult baseline, TimeSpan variantTimeout)
{
    public sealed record Evaluation(CandidateSummary Summary, SandboxResult Result, IReadOnlyList<JobFile> Files, string Diff);

    public List<Evaluation> Evaluated { get; } = [];

    public async Task RunAsync(ISandbox sandbox, List<(SearchCandidate Candidate, string Key, string ParentKey)> chosen, CancellationToken cancellationToken)
    {
        // Each variant sends only the files it changes; the job goes in once.
        var variants = chosen.Select(c => new SandboxVariant(CandidateChanges.Between(job.Files, c.Candidate.Files).Changed)).ToList();
        var results = (await sandbox.RunVariantsAsync(new SandboxVariants(job, variants, variantTimeout), cancellationToken)).ToArray();
        await RerunSlowAsync(sandbox, variants, results, cancellationToken);
        foreach (var ((candidate, key, parentKey), result) in chosen.Zip(results))
        {
            var (diff, changedLines) = EvaluateCandidateActivity.Diff(job.Files, candidate.Files);
            var suspicion = result.AllPassed ? TestGamingCheck.OfChange(job, candidate.Files, baseline, result) : [];
            var summary = CandidateSummary.Of(key, input.Round, parentKey, result, changedLines, result.Timings.Run, cached: false,
                RepairOrchestrator.SearchMarker + candidate.Description, suspicion);
            Evaluated.Add(new Evaluation(summary, result, candidate.Files, diff));
        }
    }

    /// <summary>
    /// A candidate stopped at its own limit (a few times its parent's time) while every test it
    /// had reported passed is slow, not hung: a fix may run more than its parent did (a runner
    /// that stops at the first failure, cargo skipping doctests, ran less of the suite). It runs
    /// again with the job's whole limit.
    /// </summary>
    public static bool SlowNotHung(SandboxResult result, TimeSpan variantTimeout, TimeSpan jobTimeout) =>
        result.Reason == ExitReason.Timeout && variantTimeout < jobTimeout && result.Passed > 0 && result.Failed == 0;

    private async Task RerunSlowAsync(ISandbox sandbox, List<SandboxVariant> variants, SandboxResult[] results, CancellationToken cancellationToken)
    {
        var slow = Enumerable.Range(0, results.Length).Where(i => SlowNotHung(results[i], variantTimeout, job.Timeout)).ToList();
        if (slow.Count == 0)
        {
            return;
        }

        var again = await sandbox.RunVariantsAsync(new SandboxVariants(job, [.. slow.Select(i => variants[i])], job.Timeout), cancellationToken);
        foreach (var (index, result) in slow.Zip(again))
        {
            results[index] = result;
        }
    }
}
