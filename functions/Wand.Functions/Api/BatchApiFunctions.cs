using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Wand.Batch;
using Wand.Plumbing;
using Wand.Repair;

namespace Wand.Functions.Api;

/// <summary>The batch routes as HTTP-triggered functions (function keys guard them): the same as `wand serve`'s, over the same <see cref="BatchApi"/>.</summary>
public sealed class BatchApiFunctions(BatchApi batches)
{
    [Function("SubmitBatch")]
    public async Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "batches")] HttpRequest request, [DurableClient] DurableTaskClient client)
    {
        var ct = request.HttpContext.RequestAborted;
        return RepairApiFunctions.ToResult(request, JsonBody.Refusal(request.ContentType)
            ?? (await RepairApi.ReadBodyAsync(request.Body, request.ContentLength, ct) is { } body
                ? await batches.SubmitAsync(client, body, ct)
                : RepairApi.TooLarge(request.ContentLength)));
    }

    [Function("ListBatches")]
    public static async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "batches")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        RepairApiFunctions.ToResult(request, await BatchApi.ListAsync(
            client, RepairApiFunctions.ContinuationOf(request), request.Query["pageSize"].FirstOrDefault(), request.HttpContext.RequestAborted));

    [Function("GetBatch")]
    public static async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "batches/{id}")] HttpRequest request, string id, [DurableClient] DurableTaskClient client) =>
        RepairApiFunctions.ToResult(request, await BatchApi.GetAsync(client, id, request.HttpContext.RequestAborted));

    [Function("GetBatchReport")]
    public async Task<IActionResult> Report(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "batches/{id}/report")] HttpRequest request, string id) =>
        RepairApiFunctions.ToResult(request, await batches.ReportAsync(id, request.HttpContext.RequestAborted));
}
