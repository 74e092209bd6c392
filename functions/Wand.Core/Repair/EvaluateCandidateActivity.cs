using System.Text;
using Wand.Jobs;
using Wand.Plumbing;
using Wand.Sandbox;
using Wand.Storage;
using Wand.Trust;

namespace Wand.Repair;

/// <param name="Source">Where the files are when they are not yet stored as the candidate's (a generation's files); null when they are.</param>
/// <param name="Confirm">A second run of a winner: never from the cache, stored beside the first.</param>
public sealed record EvaluationRequest(string JobId, string Key, int Round, string? ParentKey, string? Explanation, string? Source = null, bool Confirm = false);

/// <summary>
/// Runs one candidate's tests in a sandbox, unless the evaluation cache already knows the
/// result for the same image, command, time limit and files, and stores its result, log and
/// diff against the job's own files.
/// </summary>
public sealed class EvaluateCandidateActivity(RepairBlobs artifacts, EvaluationCache cache, ISandbox sandbox)
    : IWandActivity<EvaluationRequest, CandidateSummary>
{
    public async Task<CandidateSummary> RunAsync(EvaluationRequest input, CancellationToken cancellationToken)
    {
        var store = artifacts.Store;
        var job = await artifacts.JobAsync(input.JobId, cancellationToken);
        IReadOnlyList<JobFile> files;
        if (input.Source is null)
        {
            files = await artifacts.FilesAsync(input.JobId, input.Key, cancellationToken);
        }
        else
        {
            files = await artifacts.FilesAtAsync(input.JobId, input.Source, cancellationToken);
            await artifacts.PutFilesAtAsync(input.JobId, JobBlobNames.CandidateFiles(input.JobId, input.Key), files, cancellationToken);
        }

        var sandboxJob = job.ToJob(files);
        var cacheKey = EvaluationCache.Key(sandboxJob, SandboxImageCatalog.ExpectedHash(sandboxJob.Language.Image));

        var result = input.Confirm ? null : await cache.TryGetAsync(cacheKey, cancellationToken);
        var cached = result is not null;
        if (result is null)
        {
            result = await sandbox.RunAsync(sandboxJob, cancellationToken);
            // A kill we cannot explain may be the machine's doing, not the candidate's: run it again next time.
            if (!input.Confirm && result.Reason != ExitReason.Killed)
            {
                await cache.PutAsync(cacheKey, result, cancellationToken);
            }
        }

        var (diff, changedLines) = Diff(job.Files, files);
        var suspicion = input.Round > 0 && result.AllPassed
            ? TestGamingCheck.OfChange(job.ToJob(), files, await artifacts.ResultAsync(input.JobId, CandidateKey.Of(job.Files), cancellationToken), result)
            : [];
        var summary = CandidateSummary.Of(input.Key, input.Round, input.ParentKey, result, changedLines, result.Duration, cached, input.Explanation, suspicion);
        if (input.Confirm)
        {
            await store.PutJsonAsync(JobBlobNames.CandidateConfirmation(input.JobId, input.Key), result, cancellationToken);
            if (result.AllPassed)
            {
                return summary;
            }

            // It passed once and failed now: the failing run is the feedback a child of it should see.
        }

        await artifacts.PutEvaluationAsync(input.JobId, summary, result, diff, files: null, cancellationToken);
        return summary;
    }

    /// <summary>The unified diff from the job's files to the candidate's, and how many lines it changes.</summary>
    public static (string Diff, int ChangedLines) Diff(IReadOnlyList<JobFile> original, IReadOnlyList<JobFile> candidate)
    {
        // Only the files that differ are decoded and diffed: a candidate of a large repository changes a few.
        var before = original.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
        var diff = new StringBuilder();
        var changed = 0;
        foreach (var file in CandidateChanges.Between(original, candidate).Changed.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var old = before.TryGetValue(file.Path, out var content) ? Encoding.UTF8.GetString(content) : "";
            var now = Encoding.UTF8.GetString(file.Content);
            if (old != now)
            {
                changed += LineDiff.ChangedLines(old, now);
                diff.Append(LineDiff.Unified(file.Path, old, now));
            }
        }

        return (diff.ToString(), changed);
    }

}
