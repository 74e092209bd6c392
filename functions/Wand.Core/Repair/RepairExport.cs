using Wand.Jobs;
using Wand.Storage;

namespace Wand.Repair;

/// <summary>
/// A finished repair written to a folder, as <c>wand repair --out</c> leaves it: the reports
/// (report.html, report.md, report.json), the best candidate's diff and editable files (best.diff,
/// best/), and every blob of the job under artifacts/.
/// </summary>
public sealed class RepairExport(ArtifactStore store, RepairBlobs blobs)
{
    public async Task WriteAsync(string outDir, Job job, RepairOutcome outcome, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outDir);
        var prefix = JobBlobNames.Prefix(outcome.JobId);
        foreach (var name in await store.ListAsync(prefix, cancellationToken))
        {
            await WriteTextAsync(Path.Combine(outDir, "artifacts", name[prefix.Length..]), name, cancellationToken);
        }

        await WriteTextAsync(Path.Combine(outDir, "report.md"), JobBlobNames.MarkdownReport(outcome.JobId), cancellationToken);
        await WriteTextAsync(Path.Combine(outDir, "report.json"), JobBlobNames.Report(outcome.JobId), cancellationToken);
        await WriteTextAsync(Path.Combine(outDir, "report.html"), JobBlobNames.HtmlReport(outcome.JobId), cancellationToken);
        if (outcome.Best is not { } best)
        {
            return;
        }

        await WriteTextAsync(Path.Combine(outDir, "best.diff"), JobBlobNames.CandidateDiff(outcome.JobId, best.Key), cancellationToken);
        var editable = EditableFiles.Of(job);
        foreach (var file in (await blobs.FilesAsync(outcome.JobId, best.Key, cancellationToken)).Where(f => editable.Contains(f.Path)))
        {
            var target = Path.Combine(outDir, "best", file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllBytesAsync(target, file.Content, cancellationToken);
        }
    }

    /// <summary>The report and the best diff, for <see cref="RepairReportText"/>.</summary>
    public async Task<(IReadOnlyList<CandidateSummary> Candidates, string? BestDiff)> SummaryInputsAsync(RepairOutcome outcome, CancellationToken cancellationToken)
    {
        var report = await store.GetJsonAsync<RepairReport>(JobBlobNames.Report(outcome.JobId), cancellationToken);
        var diff = outcome.Best is { } best ? await store.GetTextAsync(JobBlobNames.CandidateDiff(outcome.JobId, best.Key), cancellationToken) : null;
        return (report?.Candidates ?? [], diff);
    }

    private async Task WriteTextAsync(string target, string blobName, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await File.WriteAllTextAsync(target, await store.GetTextAsync(blobName, cancellationToken) ?? "", cancellationToken);
    }
}
