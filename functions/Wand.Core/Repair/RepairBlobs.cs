using Wand.Jobs;
using Wand.Sandbox;
using Wand.Storage;

namespace Wand.Repair;

/// <summary>Typed reads of a repair's blobs, failing with a message that names what is missing.</summary>
public sealed class RepairBlobs(ArtifactStore store)
{
    public ArtifactStore Store => store;

    public async Task<StoredJob> JobAsync(string jobId, CancellationToken cancellationToken) =>
        await store.GetJsonAsync<StoredJob>(JobBlobNames.Job(jobId), cancellationToken)
            ?? throw new InvalidOperationException($"job {jobId} has no stored job at {JobBlobNames.Job(jobId)}");

    public Task<IReadOnlyList<JobFile>> FilesAsync(string jobId, string key, CancellationToken cancellationToken) =>
        FilesAtAsync(JobBlobNames.CandidateFiles(jobId, key), cancellationToken);

    public async Task<IReadOnlyList<JobFile>> FilesAtAsync(string blobName, CancellationToken cancellationToken) =>
        await store.GetJsonAsync<List<JobFile>>(blobName, cancellationToken)
            ?? throw new InvalidOperationException($"no stored files at {blobName}");

    public async Task<SandboxResult> ResultAsync(string jobId, string key, CancellationToken cancellationToken) =>
        await store.GetJsonAsync<SandboxResult>(JobBlobNames.CandidateResult(jobId, key), cancellationToken)
            ?? throw new InvalidOperationException($"job {jobId} has no result for candidate {key}");

    /// <summary>Stores what one evaluation of a candidate gave: its result, log, diff and summary (and its files, when given).</summary>
    public async Task PutEvaluationAsync(string jobId, CandidateSummary summary, SandboxResult result, string diff, IReadOnlyList<JobFile>? files, CancellationToken cancellationToken)
    {
        if (files is not null)
        {
            await store.PutJsonAsync(JobBlobNames.CandidateFiles(jobId, summary.Key), files, cancellationToken);
        }

        await store.PutJsonAsync(JobBlobNames.CandidateResult(jobId, summary.Key), result, cancellationToken);
        await store.PutTextAsync(JobBlobNames.CandidateLog(jobId, summary.Key), Log(result), "text/plain", cancellationToken);
        await store.PutTextAsync(JobBlobNames.CandidateDiff(jobId, summary.Key), diff, "text/x-diff", cancellationToken);
        await store.PutJsonAsync(JobBlobNames.CandidateSummary(jobId, summary.Key), summary, cancellationToken);
    }

    private static string Log(SandboxResult result) =>
        $"reason: {result.Reason}\nexit code: {result.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}\n"
        + $"tests: {result.Tests.Count}, passed {result.Passed}, failed {result.Failed}\n\n--- stdout\n{result.Stdout}\n--- stderr\n{result.Stderr}\n";

    /// <summary>Stores a candidate's files under its key and returns the key.</summary>
    public async Task<string> PutFilesAsync(string jobId, IReadOnlyList<JobFile> files, CancellationToken cancellationToken)
    {
        var key = CandidateKey.Of(files);
        await store.PutJsonAsync(JobBlobNames.CandidateFiles(jobId, key), files, cancellationToken);
        return key;
    }
}
