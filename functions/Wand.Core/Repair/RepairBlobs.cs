using System.Collections.Concurrent;
using System.Text.Json;
using Wand.Jobs;
using Wand.Plumbing;
using Wand.Sandbox;
using Wand.Storage;

namespace Wand.Repair;

/// <summary>
/// Typed reads of a repair's blobs, failing with a message that names what is missing. A
/// candidate's files are stored as the ones that differ from its job's (a repository of thousands
/// of files is stored once, with its job, not once per candidate); a job, written once and never
/// changed, is read once per process while its repair runs.
/// </summary>
public sealed class RepairBlobs(ArtifactStore store)
{
    // A few jobs at a time are in flight in one process; their blobs never change.
    private const int JobsKept = 8;

    private readonly ConcurrentDictionary<string, Lazy<Task<StoredJob>>> _jobs = new(StringComparer.Ordinal);

    public ArtifactStore Store => store;

    public async Task<StoredJob> JobAsync(string jobId, CancellationToken cancellationToken)
    {
        if (_jobs.Count > JobsKept)
        {
            _jobs.Clear();
        }

        var read = _jobs.GetOrAdd(jobId, id => new Lazy<Task<StoredJob>>(() => ReadJobAsync(id)));
        try
        {
            return await read.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (read.Value.IsFaulted)
        {
            _jobs.TryRemove(KeyValuePair.Create(jobId, read));
            throw;
        }
    }

    public Task<IReadOnlyList<JobFile>> FilesAsync(string jobId, string key, CancellationToken cancellationToken) =>
        FilesAtAsync(jobId, JobBlobNames.CandidateFiles(jobId, key), cancellationToken);

    /// <summary>The files of job <paramref name="jobId"/>'s candidate stored at <paramref name="blobName"/>: the job's own with the candidate's changes over them.</summary>
    public async Task<IReadOnlyList<JobFile>> FilesAtAsync(string jobId, string blobName, CancellationToken cancellationToken)
    {
        var stored = await store.GetJsonAsync<JsonElement?>(blobName, cancellationToken)
            ?? throw new InvalidOperationException($"no stored files at {blobName}");
        // Before candidates were stored as changes, each blob held every file.
        if (stored.ValueKind == JsonValueKind.Array)
        {
            return stored.Deserialize<List<JobFile>>(WandJson.Options)!;
        }

        var changes = stored.Deserialize<CandidateChanges>(WandJson.Options)!;
        return changes.Over((await JobAsync(jobId, cancellationToken)).Files);
    }

    /// <summary>Stores <paramref name="files"/>, a candidate of job <paramref name="jobId"/>, as what differs from the job's files.</summary>
    public async Task PutFilesAtAsync(string jobId, string blobName, IReadOnlyList<JobFile> files, CancellationToken cancellationToken) =>
        await store.PutJsonAsync(blobName, CandidateChanges.Between((await JobAsync(jobId, cancellationToken)).Files, files), cancellationToken);

    public async Task<SandboxResult> ResultAsync(string jobId, string key, CancellationToken cancellationToken) =>
        await store.GetJsonAsync<SandboxResult>(JobBlobNames.CandidateResult(jobId, key), cancellationToken)
            ?? throw new InvalidOperationException($"job {jobId} has no result for candidate {key}");

    /// <summary>Stores what one evaluation of a candidate gave: its result, log, diff and summary (and its files, when given).</summary>
    public async Task PutEvaluationAsync(string jobId, CandidateSummary summary, SandboxResult result, string diff, IReadOnlyList<JobFile>? files, CancellationToken cancellationToken)
    {
        if (files is not null)
        {
            await PutFilesAtAsync(jobId, JobBlobNames.CandidateFiles(jobId, summary.Key), files, cancellationToken);
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
        await PutFilesAtAsync(jobId, JobBlobNames.CandidateFiles(jobId, key), files, cancellationToken);
        return key;
    }

    private async Task<StoredJob> ReadJobAsync(string jobId) =>
        await store.GetJsonAsync<StoredJob>(JobBlobNames.Job(jobId), CancellationToken.None)
            ?? throw new InvalidOperationException($"job {jobId} has no stored job at {JobBlobNames.Job(jobId)}");
}

/// <summary>A candidate's files as stored: those that differ from its job's, and the job's paths it lacks.</summary>
public sealed record CandidateChanges(IReadOnlyList<JobFile> Changed, IReadOnlyList<string> Removed)
{
    public static CandidateChanges Between(IReadOnlyList<JobFile> job, IReadOnlyList<JobFile> candidate)
    {
        var original = job.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
        var paths = candidate.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        return new(
            [.. candidate.Where(f => !original.TryGetValue(f.Path, out var content) || !(ReferenceEquals(content, f.Content) || content.AsSpan().SequenceEqual(f.Content)))],
            [.. job.Where(f => !paths.Contains(f.Path)).Select(f => f.Path)]);
    }

    /// <summary>The candidate's files: the job's in their order (less the removed, the changed in their place), then the new ones.</summary>
    public IReadOnlyList<JobFile> Over(IReadOnlyList<JobFile> job)
    {
        var changed = Changed.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var removed = Removed.ToHashSet(StringComparer.Ordinal);
        var files = job.Where(f => !removed.Contains(f.Path)).Select(f => changed.Remove(f.Path, out var mine) ? mine : f).ToList();
        files.AddRange(Changed.Where(f => changed.ContainsKey(f.Path)));
        return files;
    }
}
