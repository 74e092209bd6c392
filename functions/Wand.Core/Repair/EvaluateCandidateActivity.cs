using System.Text;
using Wand.Jobs;
using Wand.Plumbing;
using Wand.Sandbox;
using Wand.Selection;
using Wand.Storage;
using Wand.Telemetry;
using Wand.Trust;

namespace Wand.Repair;

/// <param name="Source">Where the files are when they are not yet stored as the candidate's (a generation's files); null when they are.</param>
/// <param name="Confirm">A second run of a winner: never from the cache, stored beside the first.</param>
/// <param name="SelectTests">The candidate runs the tests chosen for its change first (<see cref="RepairSettings.SelectTests"/>).</param>
public sealed record EvaluationRequest(string JobId, string Key, int Round, string? ParentKey, string? Explanation, string? Source = null, bool Confirm = false, bool SelectTests = true);

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
            // The baseline and a confirmation are runs of the whole suite, never of chosen tests; so
            // is every run where no tests can be chosen (no parent is read for those).
            result = input.Confirm || input.Round == 0 || !input.SelectTests || !sandboxJob.Language.SelectsTestFiles
                ? await sandbox.RunAsync(sandboxJob, cancellationToken)
                : await RunAsync(input, job.ToJob(), sandboxJob, cancellationToken);
            // A kill we cannot explain may be the machine's doing, not the candidate's: run it again next time.
            // A run of chosen tests is not the run the key names.
            if (!input.Confirm && result.Reason != ExitReason.Killed && result.SelectedTests is null)
            {
                await cache.PutAsync(cacheKey, result, cancellationToken);
            }
        }

        var (diff, changedLines) = Diff(job.Files, files);
        var suspicion = input.Round > 0 && result.AllPassed
            ? TestGamingCheck.OfChange(job.ToJob(), files, await artifacts.ResultAsync(input.JobId, CandidateKey.Of(job.Files), cancellationToken), result)
            : [];
        var summary = CandidateSummary.Of(input.Key, input.Round, input.ParentKey, result, changedLines, result.Duration, cached, input.Explanation, suspicion);
        WandTelemetry.CandidatesRun(input.Confirm ? "confirmation" : "generated", summary.Result);
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

    /// <summary>
    /// A candidate's run: on the tests chosen for its change first, where its parent's run allows a
    /// choice, and on the whole suite when it passes those (<see cref="SelectedTestRuns"/>).
    /// </summary>
    private async Task<SandboxResult> RunAsync(EvaluationRequest input, Job original, Job candidateJob, CancellationToken cancellationToken)
    {
        var files = candidateJob.Files;
        var parentKey = input.ParentKey ?? CandidateKey.Of(original.Files);
        var parentFiles = input.ParentKey is null ? original.Files : await artifacts.FilesAsync(input.JobId, parentKey, cancellationToken);
        var (candidate, parent) = (CandidateChanges.Between(original.Files, files), CandidateChanges.Between(original.Files, parentFiles));
        if (candidate.Removed.Count > 0 || parent.Removed.Count > 0)
        {
            // A variant lays files over the job's; it cannot take one away.
            return await sandbox.RunAsync(candidateJob, cancellationToken);
        }

        var store = artifacts.Store;
        var checkedBefore = await store.GetJsonAsync<Dictionary<string, string>>(JobBlobNames.SelectionChecks(input.JobId), cancellationToken) ?? [];
        var runs = new SelectedTestRuns(original, (variants, _, token) => sandbox.RunVariantsAsync(new SandboxVariants(original, variants, original.Timeout), token), checkedBefore);
        var changed = CandidateChanges.Between(parentFiles, files).Changed.Select(f => f.Path).ToList();
        var result = (await runs.RunAsync(
            [new SelectionCandidate(new SandboxVariant(candidate.Changed), parentKey, new SandboxVariant(parent.Changed),
                await artifacts.ResultAsync(input.JobId, parentKey, cancellationToken), changed)], cancellationToken))[0];
        if (runs.Checked.Count > checkedBefore.Count)
        {
            // Candidates evaluated at once may each add a check: one lost here is only made again.
            await store.PutJsonAsync(JobBlobNames.SelectionChecks(input.JobId), runs.Checked, cancellationToken);
        }

        return result;
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
