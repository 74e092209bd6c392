using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wand.Jobs;
using Wand.Plumbing;
using Wand.Repair;
using Wand.Storage;

namespace Wand.Batch;

/// <summary>
/// Reads a batch's jobs (one JSON job per line; blank lines are skipped), checks each as
/// <c>POST /api/repairs</c> would and stores the good ones under their job ids. A bad line is
/// rejected with its reason and the others go on. Run again, it stores the same jobs under the
/// same ids.
/// </summary>
public sealed partial class PrepareBatchActivity(ArtifactStore store, RepairJobs jobs, IOptions<RepairSettings> repair, IOptions<BatchSettings> batch, ILogger<PrepareBatchActivity> logger)
    : IWandActivity<BatchRequest, BatchPlan>
{
    public async Task<BatchPlan> RunAsync(BatchRequest input, CancellationToken cancellationToken)
    {
        var text = await store.GetTextAsync(input.JobsBlob, cancellationToken);
        if (text is null)
        {
            return new BatchPlan([], $"the batch's blob '{input.JobsBlob}' does not exist in the artifact container '{store.ContainerName}'");
        }

        var lines = Lines(text);
        if (lines.Count == 0)
        {
            return new BatchPlan([], $"the batch's blob '{input.JobsBlob}' holds no jobs");
        }

        if (lines.Count > batch.Value.MaxJobs)
        {
            return new BatchPlan([], $"the batch has {lines.Count} jobs; at most {batch.Value.MaxJobs}");
        }

        var entries = new BatchEntry[lines.Count];
        // Storing a job is one blob write: a few at once rather than one after another.
        await Parallel.ForEachAsync(Enumerable.Range(0, lines.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var (number, json) = lines[i];
            try
            {
                var (job, settings, notes) = Read(input.BatchId, number, json);
                entries[i] = new BatchEntry(number, await jobs.PrepareAsync(job, settings, BatchBlobNames.JobId(input.BatchId, number), ct, notes), null);
            }
            catch (InvalidJobException ex)
            {
                entries[i] = new BatchEntry(number, null, ex.Message);
            }
        });
        return new BatchPlan(entries, null);
    }

    /// <summary>
    /// A line made into a job. Reading one touches no storage, so whatever goes wrong is the
    /// line's: it is rejected with the reason, and never fails the activity, which would end the
    /// whole batch without a report.
    /// </summary>
    private SubmittedJob Read(string batchId, int number, string json)
    {
        try
        {
            return RepairSubmission.Parse(json).ToJob(repair.Value, jobs.Limits);
        }
        catch (Exception ex) when (ex is not InvalidJobException)
        {
            LogUnreadableLine(logger, batchId, number, ex);
            throw new InvalidJobException($"Wand could not read this line ({ex.GetType().Name}: {ex.Message.Split('\n')[0]})");
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Error, Message = "Batch {BatchId}, line {Line}: reading the job failed in a way the checks did not foresee; the line is rejected")]
    private static partial void LogUnreadableLine(ILogger logger, string batchId, int line, Exception exception);

    /// <summary>The non-blank lines with their 1-based numbers, which name the jobs in the report.</summary>
    private static List<(int Number, string Json)> Lines(string text)
    {
        var found = new List<(int, string)>();
        using var reader = new StringReader(text.TrimStart('\uFEFF'));
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                found.Add((number, line));
            }
        }

        return found;
    }
}
