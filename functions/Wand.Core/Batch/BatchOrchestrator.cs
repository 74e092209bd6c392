using Microsoft.DurableTask;
using Wand.Plumbing;
using Wand.Repair;

namespace Wand.Batch;

/// <summary>
/// Runs a batch of repair jobs (DESIGN.md, "Pipeline shape"): stores and checks every job, runs
/// the good ones as <see cref="RepairOrchestrator"/> sub-orchestrations, at most
/// <see cref="BatchRequest.Parallelism"/> at once, and writes a JSONL report with a line per job.
/// A job that is rejected or breaks is a line of the report, never the end of the batch.
/// </summary>
public static class BatchOrchestrator
{
    public const string Name = "BatchOrchestrator";

    private const string InstancePrefix = "batch-";

    /// <summary>A batch's instance id: one per batch id, so a message delivered twice finds its batch already there.</summary>
    public static string InstanceId(string batchId) => $"{InstancePrefix}{batchId}";

    /// <summary>The batch id an instance id of <see cref="InstanceId"/> carries.</summary>
    public static string BatchIdOf(string instanceId) => instanceId[InstancePrefix.Length..];

    public static async Task<BatchSummary> RunAsync(TaskOrchestrationContext context, BatchRequest request)
    {
        var plan = await context.CallActivityAsync<BatchPlan>(BatchTasks.PrepareBatch, request, ActivityRetries.Infrastructure);
        var results = plan.Entries.Where(e => e.Repair is null).Select(e => new BatchJobResult(e.Line, null, BatchJobResult.Rejected, e.Rejected ?? BatchJobResult.Rejected)).ToList();
        var waiting = new Queue<BatchEntry>(plan.Entries.Where(e => e.Repair is not null));
        var running = new List<Task<BatchJobResult>>();
        var jobs = plan.Entries.Count;
        var repairedStatus = BatchJobResult.StatusOf(RepairStatus.Repaired);

        while (waiting.Count > 0 || running.Count > 0)
        {
            while (waiting.Count > 0 && running.Count < request.Parallelism)
            {
                running.Add(RepairAsync(context, waiting.Dequeue()));
            }

            context.SetCustomStatus(new BatchProgress(jobs, results.Count, running.Count, results.Count(r => r.Status == repairedStatus)));
            var done = await Task.WhenAny(running);
            running.Remove(done);
            results.Add(await done);
        }

        context.SetCustomStatus(new BatchProgress(jobs, results.Count, 0, results.Count(r => r.Status == repairedStatus)));
        return await context.CallActivityAsync<BatchSummary>(
            BatchTasks.WriteBatchReport, new BatchReportRequest(request.BatchId, plan.Problem, [.. results.OrderBy(r => r.Line)]), ActivityRetries.Infrastructure);
    }

    private static async Task<BatchJobResult> RepairAsync(TaskOrchestrationContext context, BatchEntry entry)
    {
        var repair = entry.Repair!;
        try
        {
            // The job id is the sub-orchestration's instance id, so the API shows each job of a batch like any other repair.
            var outcome = await context.CallSubOrchestratorAsync<RepairOutcome>(RepairOrchestrator.Name, repair, new SubOrchestrationOptions { InstanceId = repair.JobId });
            return BatchJobResult.From(entry.Line, outcome);
        }
        catch (TaskFailedException ex)
        {
            return new BatchJobResult(entry.Line, repair.JobId, BatchJobResult.Failed, ex.FailureDetails.ErrorMessage);
        }
    }
}

/// <summary>The input of the report activity: every job's line, in input order.</summary>
public sealed record BatchReportRequest(string BatchId, string? Problem, IReadOnlyList<BatchJobResult> Results);
