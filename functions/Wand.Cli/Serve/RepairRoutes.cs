using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Wand.Plumbing;
using Wand.Repair;

namespace Wand.Cli.Serve;

/// <summary>
/// The routes `wand serve` answers, the same as the Functions app's: each is a thin adapter over
/// <see cref="RepairApi"/> that turns its <see cref="ApiAnswer"/> into an HTTP result.
/// </summary>
public static class RepairRoutes
{
    public static IEndpointRouteBuilder MapRepairRoutes(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(RepairApi.BasePath).WithMetadata(RouteAccess.Key);

        api.MapPost("", async (HttpRequest request, RepairApi repairs, DurableTaskClient client, CancellationToken ct) =>
            ToResult(JsonBody.Refusal(request.ContentType)
                ?? (await RepairApi.ReadBodyAsync(request.Body, request.ContentLength, ct) is { } body ? await repairs.SubmitAsync(client, body, ct) : RepairApi.TooLarge(request.ContentLength))));
        api.MapGet("", async (HttpRequest request, string? status, string? pageSize, DurableTaskClient client, CancellationToken ct) =>
            ToResult(await RepairApi.ListAsync(client, status, ContinuationOf(request), pageSize, ct)));
        api.MapGet("/{id}", async (string id, RepairApi repairs, DurableTaskClient client, CancellationToken ct) => ToResult(await repairs.GetAsync(client, id, ct)));
        api.MapDelete("/{id}", async (string id, DurableTaskClient client, CancellationToken ct) => ToResult(await RepairApi.CancelAsync(client, id, ct)));
        api.MapGet("/{id}/artifacts/{**path}", async (string id, string path, RepairApi repairs, CancellationToken ct) => ToResult(await repairs.ArtifactAsync(id, path, ct)));
        return app;
    }

    internal static IResult ToResult(ApiAnswer answer)
    {
        IResult result = answer switch
        {
            { Body: ProblemBody problem } => TypedResults.Problem(problem.Detail, statusCode: problem.Status, title: problem.Title, type: problem.Type),
            { Text: { } text } => TypedResults.Text(text, answer.ContentType, statusCode: answer.Status),
            { Status: 202 } => TypedResults.Accepted(answer.Location, answer.Body),
            _ => TypedResults.Json(answer.Body, statusCode: answer.Status),
        };
        return answer.Headers is null ? result : new WithHeaders(result, answer.Headers);
    }

    /// <summary>A listing's continuation token: the header Durable Functions uses, or the query (for a browser).</summary>
    internal static string? ContinuationOf(HttpRequest request) =>
        request.Headers[ApiAnswer.ContinuationHeader].FirstOrDefault() is { Length: > 0 } header ? header : request.Query["continuationToken"].FirstOrDefault();

    private sealed class WithHeaders(IResult inner, IReadOnlyDictionary<string, string> headers) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            foreach (var (name, value) in headers)
            {
                httpContext.Response.Headers[name] = value;
            }

            return inner.ExecuteAsync(httpContext);
        }
    }
}
