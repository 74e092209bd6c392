using System.Collections.Concurrent;
using Wand.Plumbing;
using Wand.Storage;
using Wand.Telemetry;

namespace Wand.Repair;

/// <param name="Outcome">The result, without its report references yet.</param>
/// <param name="Candidates">Every evaluated candidate, the baseline first.</param>
/// <param name="Generations">Every generation request's result, in order.</param>
public sealed record ReportRequest(RepairOutcome Outcome, IReadOnlyList<CandidateSummary> Candidates, IReadOnlyList<GeneratedCandidate> Generations);

/// <summary>The report as stored: the outcome with everything that was tried.</summary>
public sealed record RepairReport(RepairOutcome Outcome, IReadOnlyList<CandidateSummary> Candidates, IReadOnlyList<GeneratedCandidate> Generations);

/// <summary>Writes the job's report as JSON, Markdown and HTML and returns the outcome with their references.</summary>
public sealed class WriteReportActivity(RepairBlobs artifacts) : IWandActivity<ReportRequest, RepairOutcome>
{
    public async Task<RepairOutcome> RunAsync(ReportRequest input, CancellationToken cancellationToken)
    {
        var store = artifacts.Store;
        var jobId = input.Outcome.JobId;
        input = input with { Candidates = await WithSearchedAsync(store, jobId, input, cancellationToken) };
        var bestDiff = input.Outcome.Best is { } best
            ? await store.GetTextAsync(JobBlobNames.CandidateDiff(jobId, best.Key), cancellationToken)
            : null;
        // A setup that failed has only its log to show for itself.
        var setupLog = input.Outcome.Status == RepairStatus.SetupFailed
            ? (await artifacts.ResultAsync(jobId, input.Outcome.Baseline.Key, cancellationToken)).Stderr
            : null;
        var markdown = await store.PutTextAsync(JobBlobNames.MarkdownReport(jobId),
            RepairReportMarkdown.Render(input.Outcome, input.Candidates, input.Generations, bestDiff, setupLog), "text/markdown", cancellationToken);
        var evidence = await EvidenceAsync(store, jobId, RepairReportHtml.Embedded(input.Candidates), cancellationToken);
        // The activity may read the clock (the orchestrator may not): the job ran until now.
        var elapsed = DateTime.UtcNow - input.Outcome.Spending.StartedUtc;
        var wallTime = elapsed > TimeSpan.Zero ? elapsed : TimeSpan.Zero;
        var html = await store.PutTextAsync(JobBlobNames.HtmlReport(jobId),
            RepairReportHtml.Render(input.Outcome, input.Candidates, input.Generations, evidence, wallTime), "text/html", cancellationToken);
        var outcome = input.Outcome with { Report = new(markdown.Container, JobBlobNames.Report(jobId)), MarkdownReport = markdown, HtmlReport = html };
        await store.PutJsonAsync(JobBlobNames.Report(jobId), new RepairReport(outcome, input.Candidates, input.Generations), cancellationToken);
        WandTelemetry.RepairEnded(outcome.Status.ToString(), outcome.Generator.ToString(), wallTime, outcome.Spending.Rounds);
        return outcome;
    }

    /// <summary>
    /// The orchestrator holds only the best few of a search round; the round's blob lists every
    /// candidate it ran, and the report shows them all.
    /// </summary>
    private static async Task<IReadOnlyList<CandidateSummary>> WithSearchedAsync(ArtifactStore store, string jobId, ReportRequest input, CancellationToken cancellationToken)
    {
        var all = input.Candidates.ToList();
        var known = all.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        for (var round = 1; round <= input.Outcome.Spending.Rounds; round++)
        {
            var searched = await store.GetJsonAsync<List<CandidateSummary>>(JobBlobNames.SearchRound(jobId, round), cancellationToken) ?? [];
            all.AddRange(searched.Where(c => known.Add(c.Key)));
        }

        return all;
    }

    private static async Task<IReadOnlyDictionary<string, CandidateEvidence>> EvidenceAsync(
        ArtifactStore store, string jobId, IReadOnlyList<CandidateSummary> candidates, CancellationToken cancellationToken)
    {
        var evidence = new ConcurrentDictionary<string, CandidateEvidence>(StringComparer.Ordinal);
        // A report embeds up to 25 candidates a round: a few reads at once, not one after another.
        await Parallel.ForEachAsync(candidates.DistinctBy(c => c.Key), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (c, ct) =>
        {
            var diff = await store.GetTextAsync(JobBlobNames.CandidateDiff(jobId, c.Key), ct);
            var log = await store.GetTextAsync(JobBlobNames.CandidateLog(jobId, c.Key), ct);
            evidence[c.Key] = CandidateEvidence.Of(diff, log);
        });
        return evidence;
    }
}
