using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Wand.Batch;
using Wand.Plumbing;
using Wand.Repair;

namespace Wand.Cli.Serve;

/// <summary>The batch routes `wand serve` answers, the same as the Functions app's: thin adapters over <see cref="BatchApi"/>.</summary>
public static class BatchRoutes
{
    public static IEndpointRouteBuilder MapBatchRoutes(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(BatchApi.BasePath).WithMetadata(RouteAccess.Key);
        api.MapPost("", async (HttpRequest request, BatchApi batches, DurableTaskClient client, CancellationToken ct) =>
            RepairRoutes.ToResult(JsonBody.Refusal(request.ContentType)
                ?? (await RepairApi.ReadBodyAsync(request.Body, request.ContentLength, ct) is { } body ? await batches.SubmitAsync(client, body, ct) : RepairApi.TooLarge(request.ContentLength))));
        api.MapGet("", async (HttpRequest request, string? pageSize, DurableTaskClient client, CancellationToken ct) =>
            RepairRoutes.ToResult(await BatchApi.ListAsync(client, RepairRoutes.ContinuationOf(request), pageSize, ct)));
        api.MapGet("/{id}", async (string id, DurableTaskClient client, CancellationToken ct) => RepairRoutes.ToResult(await BatchApi.GetAsync(client, id, ct)));
        api.MapGet("/{id}/report", async (string id, BatchApi batches, CancellationToken ct) => RepairRoutes.ToResult(await batches.ReportAsync(id, ct)));
        return app;
    }
}
