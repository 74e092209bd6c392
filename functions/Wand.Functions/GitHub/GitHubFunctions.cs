using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Wand.Functions.Api;
using Wand.GitHub;
using Wand.Plumbing;

namespace Wand.Functions.GitHub;

/// <summary>
/// The GitHub webhook and the pull-request fix as functions: thin adapters over the same Core
/// code `wand serve` runs. The webhook is anonymous at the Functions level because the
/// delivery's signature is its authentication (GitHub cannot send a function key).
/// </summary>
public sealed class GitHubFunctions(GitHubWebhook webhook, PreparePullRequestFixActivity prepare, PublishPullRequestFixActivity publish)
{
    [Function("GitHubWebhook")]
    public async Task<IActionResult> Webhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "github/webhook")] HttpRequest request, [DurableClient] DurableTaskClient client)
    {
        if (JsonBody.Refusal(request.ContentType) is { } refusal)
        {
            return RepairApiFunctions.ToResult(request, refusal);
        }

        var ct = request.HttpContext.RequestAborted;
        var body = await GitHubWebhook.ReadBodyAsync(request.Body, request.ContentLength, ct);
        var answer = body is null
            ? GitHubWebhook.TooLarge()
            : await webhook.ReceiveAsync(client, request.Headers[GitHubWebhook.EventHeader].FirstOrDefault(), request.Headers[GitHubWebhook.DeliveryHeader].FirstOrDefault(),
                request.Headers[WebhookSignature.Header].FirstOrDefault(), body, ct);
        return RepairApiFunctions.ToResult(request, answer);
    }

    [Function(PullRequestFixOrchestrator.Name)]
    public static Task<PullRequestFixOutcome> FixPullRequest([OrchestrationTrigger] TaskOrchestrationContext context) =>
        PullRequestFixOrchestrator.RunAsync(context, context.GetInput<PullRequestFixRequest>()
            ?? throw new InvalidOperationException($"{PullRequestFixOrchestrator.Name} was started without a {nameof(PullRequestFixRequest)}"));

    [Function(GitHubTasks.PreparePullRequestFix)]
    public Task<PreparedPullRequest> PreparePullRequestFix([ActivityTrigger] PreparePullRequestFix input, CancellationToken cancellationToken) =>
        prepare.RunAsync(input, cancellationToken);

    [Function(GitHubTasks.PublishPullRequestFix)]
    public Task<PullRequestFixOutcome> PublishPullRequestFix([ActivityTrigger] PublishPullRequestFix input, CancellationToken cancellationToken) =>
        publish.RunAsync(input, cancellationToken);
}
