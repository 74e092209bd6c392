using Microsoft.DurableTask.Client;
using Wand.Plumbing;
using Wand.Repair;
using Wand.Storage;

namespace Wand.Batch;

/// <summary>
/// Batches over HTTP, for both hosts: submit a batch message as the queue takes it (for those
/// who have no queue client at hand), and follow a batch however it came in.
/// </summary>
public sealed class BatchApi(BatchIntake intake, ArtifactStore store)
{
    public const string BasePath = "/api/batches";

    /// <summary>Schedules the batch <paramref name="body"/> names: 202 when new, 200 when it was there already, 400 naming what is wrong.</summary>
    public async Task<ApiAnswer> SubmitAsync(DurableTaskClient client, string body, CancellationToken cancellationToken)
    {
        try
        {
            var accepted = await intake.AcceptAsync(client, body, cancellationToken);
            var location = $"{BasePath}/{accepted.BatchId}";
            return accepted.Duplicate
                ? ApiAnswer.Ok(new { id = accepted.BatchId, duplicate = true, location })
                : ApiAnswer.Accepted(location, new { id = accepted.BatchId, status = "pending", location });
        }
        catch (InvalidBatchException ex)
        {
            return ApiAnswer.Problem(400, "Bad batch", ex.Message);
        }
        catch (Exception ex) when (RepairApi.IsStorageDown(ex))
        {
            return RepairApi.StorageDown(ex, "batch");
        }
    }

    public static async Task<ApiAnswer> GetAsync(DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        var state = BatchMessage.IsBatchId(id)
            ? await client.GetInstanceAsync(BatchOrchestrator.InstanceId(id), getInputsAndOutputs: true, cancellationToken)
            : null;
        return state is null ? NotFound(id)
            : state.IsCompleted ? ApiAnswer.Ok(BatchStatusView.From(id, state, BasePath))
            : ApiAnswer.StillRunning($"{BasePath}/{id}", BatchStatusView.From(id, state, BasePath), RepairApi.PollSeconds);
    }

    /// <summary>One page of the batches, in the engine's order (by id); the answer's continuation token asks for the next.</summary>
    public static async Task<ApiAnswer> ListAsync(DurableTaskClient client, string? continuationToken, string? pageSize, CancellationToken cancellationToken)
    {
        var (size, problem) = InstancePages.SizeOf(pageSize);
        if (problem is not null)
        {
            return ApiAnswer.Problem(400, "Bad batch request", problem);
        }

        var query = new OrchestrationQuery { InstanceIdPrefix = BatchOrchestrator.InstanceId(string.Empty), FetchInputsAndOutputs = true };
        var page = await InstancePages.ReadAsync(
            client, query, continuationToken, size, s => s.Name == BatchOrchestrator.Name ? BatchStatusView.From(BatchOrchestrator.BatchIdOf(s.InstanceId), s, BasePath) : null, cancellationToken);
        return ApiAnswer.Page(page.Items, page.ContinuationToken);
    }

    /// <summary>The batch's JSONL report, once it is written.</summary>
    public async Task<ApiAnswer> ReportAsync(string id, CancellationToken cancellationToken)
    {
        var text = BatchMessage.IsBatchId(id) ? await store.GetTextAsync(BatchBlobNames.Report(id), cancellationToken) : null;
        return text is null
            ? ApiAnswer.Problem(404, "Not found", $"batch '{id}' has no report (unknown, or not finished)")
            : new ApiAnswer(200, null, Text: text, ContentType: "application/x-ndjson");
    }

    private static ApiAnswer NotFound(string id) => ApiAnswer.Problem(404, "Not found", $"no batch has the id '{id}'");
}

/// <summary>A batch as <c>GET /api/batches/{id}</c> shows it: where it is, its progress, its summary when done, and its report's link.</summary>
public sealed record BatchStatusView(
    string Id,
    string Status,
    DateTime CreatedUtc,
    DateTime LastUpdatedUtc,
    BatchProgress? Progress,
    BatchSummary? Summary,
    string? Failure,
    string? Report)
{
    public static BatchStatusView From(string id, OrchestrationMetadata state, string basePath)
    {
        var summary = state.RuntimeStatus == OrchestrationRuntimeStatus.Completed && state.SerializedOutput is not null ? state.ReadOutputAs<BatchSummary>() : null;
        return new(id, RepairStatusView.StatusOf(state.RuntimeStatus), state.CreatedAt.UtcDateTime, state.LastUpdatedAt.UtcDateTime,
            state.SerializedCustomStatus is null ? null : state.ReadCustomStatusAs<BatchProgress>(), summary, InstanceFailure.Of(state),
            summary is null ? null : $"{basePath}/{id}/report");
    }
}
