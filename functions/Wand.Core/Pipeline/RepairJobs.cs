using System.Security.Cryptography;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Wand.Generation;
using Wand.Sandbox;
using Wand.Storage;

namespace Wand.Pipeline;

/// <summary>
/// Starts repairs: checks the job and settings, stores the job under its id and schedules
/// <see cref="RepairOrchestrator"/> with that id as the instance id. Both hosts start repairs
/// here; each brings its own <see cref="DurableTaskClient"/>.
/// </summary>
public sealed class RepairJobs(ArtifactStore store, IChatModel model)
{
    /// <summary>Starts a repair of <paramref name="job"/> and returns its id; throws <see cref="InvalidJobException"/> on bad input, before anything is stored.</summary>
    public async Task<string> StartAsync(DurableTaskClient client, SandboxJob job, RepairSettings settings, CancellationToken cancellationToken, string? jobId = null)
    {
        jobId ??= NewJobId(DateTime.UtcNow);
        settings = await StoreAsync(jobId, job, settings, cancellationToken);
        await client.ScheduleNewOrchestrationInstanceAsync(
            RepairOrchestrator.Name, new RepairRequest(jobId, settings), new StartOrchestrationOptions(jobId), cancellationToken);
        return jobId;
    }

    /// <summary>
    /// Checks <paramref name="job"/> and <paramref name="settings"/>, stores the job under
    /// <paramref name="jobId"/> and returns the settings a <see cref="RepairRequest"/> for it carries,
    /// for callers that start <see cref="RepairOrchestrator"/> themselves (as a sub-orchestration).
    /// Throws <see cref="InvalidJobException"/> on bad input, before anything is stored.
    /// </summary>
    public async Task<RepairSettings> StoreAsync(string jobId, SandboxJob job, RepairSettings settings, CancellationToken cancellationToken)
    {
        job.Validate(JobFolderLimits.Default);
        if (settings.Problem() is { } problem)
        {
            throw new InvalidJobException($"the repair settings are invalid: {problem}");
        }

        // The generator is decided once, here, so the orchestration never depends on configuration.
        settings = settings with { Generator = RepairGenerators.Choose(settings.Generator ?? RepairGenerators.Parse(job.Generator), model.IsConfigured) };
        await store.PutJsonAsync(JobArtifacts.Job(jobId), StoredJob.From(job), cancellationToken);
        return settings;
    }

    /// <summary>A job id that sorts by time and is safe in blob names and URLs.</summary>
    public static string NewJobId(DateTime nowUtc) =>
        $"{nowUtc:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
