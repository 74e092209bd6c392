using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Wand.Api;

namespace Wand.Cli.Serve;

/// <summary>
/// The routes `wand serve` answers, the same as the Functions app's: each is a thin adapter over
/// <see cref="RepairApi"/> that turns its <see cref="ApiAnswer"/> into an HTTP result.
/// </summary>
public static class RepairRoutes
{
    public static IEndpointRouteBuilder MapRepairRoutes(this IEndpointRouteBuilder app, string? apiKey)
    {
        var api = app.MapGroup(RepairApi.BasePath).RequireKey(apiKey);

        api.MapPost("", async (HttpRequest request, RepairApi repairs, DurableTaskClient client, CancellationToken ct) =>
            ToResult(await RepairApi.ReadBodyAsync(request.Body, request.ContentLength, ct) is { } body ? await repairs.SubmitAsync(client, body, ct) : RepairApi.TooLarge(request.ContentLength)));
        api.MapGet("", async (string? status, DurableTaskClient client, CancellationToken ct) => ToResult(await RepairApi.ListAsync(client, status, ct)));
        api.MapGet("/{id}", async (string id, DurableTaskClient client, CancellationToken ct) => ToResult(await RepairApi.GetAsync(client, id, ct)));
        api.MapDelete("/{id}", async (string id, DurableTaskClient client, CancellationToken ct) => ToResult(await RepairApi.CancelAsync(client, id, ct)));
        api.MapGet("/{id}/artifacts/{**path}", async (string id, string path, RepairApi repairs, CancellationToken ct) => ToResult(await repairs.ArtifactAsync(id, path, ct)));
        return app;
    }

    /// <summary>Requires <paramref name="apiKey"/> (when there is one) on every route of the group, as function keys guard the Functions app's.</summary>
    internal static RouteGroupBuilder RequireKey(this RouteGroupBuilder group, string? apiKey)
    {
        if (!string.IsNullOrEmpty(apiKey))
        {
            group.AddEndpointFilter(async (context, next) => HasKey(context.HttpContext.Request, apiKey)
                ? await next(context)
                : ToResult(ApiAnswer.Problem(401, "API key missing or wrong", "Send the API key in the x-functions-key header (or the code query parameter).")));
        }

        return group;
    }

    internal static IResult ToResult(ApiAnswer answer) => answer switch
    {
        { Body: ProblemBody problem } => TypedResults.Problem(problem.Detail, statusCode: problem.Status, title: problem.Title, type: problem.Type),
        { Text: { } text } => TypedResults.Text(text, answer.ContentType, statusCode: answer.Status),
        { Status: 202 } => TypedResults.Accepted(answer.Location, answer.Body),
        _ => TypedResults.Json(answer.Body, statusCode: answer.Status),
    };

    private static bool HasKey(HttpRequest request, string apiKey)
    {
        var given = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault() ?? "";
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
    }
}
