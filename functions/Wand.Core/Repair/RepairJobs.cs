using System.Security.Cryptography;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Wand.Generation;
using Wand.Jobs;
using Wand.Storage;

namespace Wand.Repair;

/// <summary>
/// Starts repairs: checks the job and settings, stores the job under its id and schedules
/// <see cref="RepairOrchestrator"/> with that id as the instance id. Both hosts start repairs
/// here; each brings its own <see cref="DurableTaskClient"/>.
/// </summary>
public sealed class RepairJobs(ArtifactStore store, IChatModel model, JobFolderLimits limits)
{
    private static readonly TimeSpan FollowInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Starts a repair of <paramref name="job"/> and returns its id; throws <see cref="InvalidJobException"/> on bad input, before anything is stored.</summary>
    /// <param name="notes">What was changed from what the caller asked, for the outcome (<see cref="RepairRequest.Notes"/>).</param>
    public async Task<string> StartAsync(DurableTaskClient client, Job job, RepairSettings settings, CancellationToken cancellationToken, string? jobId = null, IReadOnlyList<string>? notes = null)
    {
        var request = await PrepareAsync(job, settings, jobId ?? NewJobId(DateTime.UtcNow), cancellationToken, notes);
        await client.ScheduleNewOrchestrationInstanceAsync(
            RepairOrchestrator.Name, request, new StartOrchestrationOptions(request.JobId), cancellationToken);
        return request.JobId;
    }

    /// <summary>What a job may hold here (<see cref="JobLimitsOptions"/>).</summary>
    public JobFolderLimits Limits => limits;

    /// <summary>
    /// Checks the job and settings, stores the job under <paramref name="jobId"/> and returns what
    /// <see cref="RepairOrchestrator"/> is started with; throws <see cref="InvalidJobException"/>
    /// on bad input, before anything is stored. Storing the same job again is harmless.
    /// </summary>
    public async Task<RepairRequest> PrepareAsync(Job job, RepairSettings settings, string jobId, CancellationToken cancellationToken, IReadOnlyList<string>? notes = null)
    {
        job.Validate(limits);
        if (settings.Problem() is { } problem)
        {
            throw new InvalidJobException($"the repair settings are invalid: {problem}");
        }

        // The generator is decided once, here, so the orchestration never depends on configuration.
        settings = settings with { Generator = RepairGenerators.Choose(settings.Generator ?? RepairGenerators.Parse(job.Generator), model.IsConfigured) };
        await store.PutJsonAsync(JobBlobNames.Job(jobId), StoredJob.From(job), cancellationToken);
        return new RepairRequest(jobId, settings, notes is { Count: > 0 } ? notes : null);
    }

    /// <summary>
    /// Waits for a repair to end, telling <paramref name="progress"/> each new progress line
    /// (<see cref="RepairProgress.Describe"/>) as it changes; returns the ended instance.
    /// </summary>
    public async Task<OrchestrationMetadata> FollowAsync(DurableTaskClient client, string jobId, Func<string, Task> progress, CancellationToken cancellationToken)
    {
        string? shown = null;
        while (true)
        {
            var state = await client.GetInstanceAsync(jobId, getInputsAndOutputs: true, cancellationToken)
                ?? throw new InvalidOperationException($"job {jobId} was not found on the engine");
            var status = state.SerializedCustomStatus is null ? null : state.ReadCustomStatusAs<RepairProgress>();
            var search = state.IsCompleted ? null : await SearchProgressAsync(jobId, status, cancellationToken);
            if ((search?.Describe() ?? status?.Describe()) is { } line && line != shown)
            {
                await progress(line);
                shown = line;
            }

            if (state.IsCompleted)
            {
                return state;
            }

            await Task.Delay(FollowInterval, cancellationToken);
        }
    }

    /// <summary>
    /// How far the search round under way has got, when the repair says it is searching; null
    /// otherwise, or before the round's first sandbox run. The blob of an earlier round is not shown.
    /// </summary>
    public async Task<SearchRoundProgress?> SearchProgressAsync(string jobId, RepairProgress? status, CancellationToken cancellationToken)
    {
        if (status is not { Phase: "searching" })
        {
            return null;
        }

        var search = await store.GetJsonAsync<SearchRoundProgress>(JobBlobNames.SearchProgress(jobId), cancellationToken);
        return search?.Round == status.Round ? search : null;
    }

    /// <summary>A job id that sorts by time and is safe in blob names and URLs.</summary>
    public static string NewJobId(DateTime nowUtc) =>
        $"{nowUtc:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
