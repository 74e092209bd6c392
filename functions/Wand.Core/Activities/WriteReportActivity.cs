using Wand.Pipeline;

namespace Wand.Activities;

/// <param name="Outcome">The result, without its report references yet.</param>
/// <param name="Candidates">Every evaluated candidate, the baseline first.</param>
/// <param name="Generations">Every generation request's result, in order.</param>
public sealed record ReportRequest(RepairOutcome Outcome, IReadOnlyList<CandidateSummary> Candidates, IReadOnlyList<GeneratedCandidate> Generations);

/// <summary>The report as stored: the outcome with everything that was tried.</summary>
public sealed record RepairReport(RepairOutcome Outcome, IReadOnlyList<CandidateSummary> Candidates, IReadOnlyList<GeneratedCandidate> Generations);

/// <summary>Writes the job's report as JSON and Markdown and returns the outcome with their references.</summary>
public sealed class WriteReportActivity(RepairArtifacts artifacts) : IPipelineActivity<ReportRequest, RepairOutcome>
{
    public async Task<RepairOutcome> RunAsync(ReportRequest input, CancellationToken cancellationToken)
    {
        var store = artifacts.Store;
        var jobId = input.Outcome.JobId;
        var bestDiff = input.Outcome.Best is { } best
            ? await store.GetTextAsync(JobArtifacts.CandidateDiff(jobId, best.Key), cancellationToken)
            : null;
        var markdown = await store.PutTextAsync(JobArtifacts.MarkdownReport(jobId),
            RepairReportMarkdown.Render(input.Outcome, input.Candidates, input.Generations, bestDiff), "text/markdown", cancellationToken);
        var outcome = input.Outcome with { Report = new(markdown.Container, JobArtifacts.Report(jobId)), MarkdownReport = markdown };
        await store.PutJsonAsync(JobArtifacts.Report(jobId), new RepairReport(outcome, input.Candidates, input.Generations), cancellationToken);
        return outcome;
    }
}
