using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Wand.Plumbing;
using Wand.Repair;

namespace Wand.Functions.Api;

/// <summary>
/// The repair API as HTTP-triggered functions (function keys guard them): the same routes and
/// the same <see cref="RepairApi"/> as `wand serve`, with the Durable Functions client.
/// </summary>
public sealed class RepairApiFunctions(RepairApi repairs)
{
    [Function("SubmitRepair")]
    public async Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "repairs")] HttpRequest request, [DurableClient] DurableTaskClient client)
    {
        var ct = request.HttpContext.RequestAborted;
        return ToResult(request, JsonBody.Refusal(request.ContentType)
            ?? (await RepairApi.ReadBodyAsync(request.Body, request.ContentLength, ct) is { } body
                ? await repairs.SubmitAsync(client, body, ct)
                : RepairApi.TooLarge(request.ContentLength)));
    }

    [Function("ListRepairs")]
    public static async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "repairs")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        ToResult(request, await RepairApi.ListAsync(
            client, request.Query["status"].FirstOrDefault(), ContinuationOf(request), request.Query["pageSize"].FirstOrDefault(), request.HttpContext.RequestAborted));

    [Function("GetRepair")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "repairs/{id}")] HttpRequest request, string id, [DurableClient] DurableTaskClient client) =>
        ToResult(request, await repairs.GetAsync(client, id, request.HttpContext.RequestAborted));

    [Function("CancelRepair")]
    public static async Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "repairs/{id}")] HttpRequest request, string id, [DurableClient] DurableTaskClient client) =>
        ToResult(request, await RepairApi.CancelAsync(client, id, request.HttpContext.RequestAborted));

    [Function("GetRepairArtifact")]
    public async Task<IActionResult> Artifact(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "repairs/{id}/artifacts/{*path}")] HttpRequest request, string id, string path) =>
        ToResult(request, await repairs.ArtifactAsync(id, path, request.HttpContext.RequestAborted));

    /// <summary>A listing's continuation token: the header Durable Functions uses, or the query (for a browser).</summary>
    internal static string? ContinuationOf(HttpRequest request) =>
        request.Headers[ApiAnswer.ContinuationHeader].FirstOrDefault() is { Length: > 0 } header ? header : request.Query["continuationToken"].FirstOrDefault();

    internal static ContentResult ToResult(HttpRequest request, ApiAnswer answer)
    {
        if (answer.Location is { } location)
        {
            request.HttpContext.Response.Headers.Location = location;
        }

        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            request.HttpContext.Response.Headers[name] = value;
        }

        return answer.Text is { } text
            ? new ContentResult { StatusCode = answer.Status, Content = text, ContentType = answer.ContentType }
            : new ContentResult
            {
                StatusCode = answer.Status,
                Content = JsonSerializer.Serialize(answer.Body, WandJson.Options),
                ContentType = answer.IsProblem ? "application/problem+json" : "application/json",
            };
    }
}
