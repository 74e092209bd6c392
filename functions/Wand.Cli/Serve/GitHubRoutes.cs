using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Wand.GitHub;
using Wand.Plumbing;

namespace Wand.Cli.Serve;

/// <summary>
/// `wand serve`'s GitHub webhook, the Functions app's route over the same <see cref="GitHubWebhook"/>.
/// Needs no API key and passes the loopback checks (<see cref="RouteAccess.Signature"/>): GitHub
/// cannot send the key and reaches serve through a tunnel, and the delivery's signature is the
/// webhook's authentication.
/// </summary>
public static class GitHubRoutes
{
    public static IEndpointRouteBuilder MapGitHubRoutes(this IEndpointRouteBuilder app)
    {
        app.MapPost(GitHubWebhook.Route, async (HttpRequest request, GitHubWebhook webhook, DurableTaskClient client, CancellationToken ct) =>
        {
            if (JsonBody.Refusal(request.ContentType) is { } refusal)
            {
                return RepairRoutes.ToResult(refusal);
            }

            var body = await GitHubWebhook.ReadBodyAsync(request.Body, request.ContentLength, ct);
            return RepairRoutes.ToResult(body is null
                ? GitHubWebhook.TooLarge()
                : await webhook.ReceiveAsync(client, request.Headers[GitHubWebhook.EventHeader].FirstOrDefault(), request.Headers[GitHubWebhook.DeliveryHeader].FirstOrDefault(),
                    request.Headers[WebhookSignature.Header].FirstOrDefault(), body, ct));
        }).WithMetadata(RouteAccess.Signature);
        return app;
    }
}
