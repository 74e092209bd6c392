using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Wand.GitHub;

namespace Wand.Cli.Serve;

/// <summary>
/// `wand serve`'s GitHub webhook, the Functions app's route over the same <see cref="GitHubWebhook"/>.
/// Outside the API key's group: GitHub cannot send the key, and the delivery's signature is the
/// webhook's authentication.
/// </summary>
public static class GitHubRoutes
{
    public static IEndpointRouteBuilder MapGitHubRoutes(this IEndpointRouteBuilder app)
    {
        app.MapPost(GitHubWebhook.Route, async (HttpRequest request, GitHubWebhook webhook, DurableTaskClient client, CancellationToken ct) =>
        {
            var body = await GitHubWebhook.ReadBodyAsync(request.Body, request.ContentLength, ct);
            return RepairRoutes.ToResult(body is null
                ? GitHubWebhook.TooLarge()
                : await webhook.ReceiveAsync(client, request.Headers[GitHubWebhook.EventHeader].FirstOrDefault(), request.Headers[GitHubWebhook.DeliveryHeader].FirstOrDefault(),
                    request.Headers[WebhookSignature.Header].FirstOrDefault(), body, ct));
        });
        return app;
    }
}
