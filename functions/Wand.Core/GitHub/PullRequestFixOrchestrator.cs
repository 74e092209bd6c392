using Microsoft.DurableTask;
using Wand.Plumbing;
using Wand.Repair;

namespace Wand.GitHub;

/// <summary>
/// Fixes a pull request (DESIGN.md, "Pipeline shape"): fetch its head and read its
/// <c>.wand.yml</c> (prepare), run <see cref="RepairOrchestrator"/> on it as a sub-orchestration
/// (its tests, the repair, the confirming run), then push the fix to the pull request's branch or
/// suggest it in a review, and report with a check run and a comment (publish).
/// </summary>
public static class PullRequestFixOrchestrator
{
    public const string Name = "PullRequestFixOrchestrator";

    /// <summary>The orchestration of a delivery: a redelivery has the same id, so it is recognized.</summary>
    public static string InstanceId(string deliveryId) => $"github-{deliveryId}";

    /// <summary>The repair's job id, also its sub-orchestration's instance id: <c>GET /api/repairs/{id}</c> follows it.</summary>
    public static string JobId(string instanceId) => $"{instanceId}-repair";

    public static async Task<PullRequestFixOutcome> RunAsync(TaskOrchestrationContext context, PullRequestFixRequest request)
    {
        context.SetCustomStatus("preparing");
        var prepared = await context.CallActivityAsync<PreparedPullRequest>(
            GitHubTasks.PreparePullRequestFix, new PreparePullRequestFix(request, context.InstanceId), ActivityRetries.Infrastructure);

        RepairOutcome? outcome = null;
        string? failure = null;
        if (prepared.Problem is null)
        {
            context.SetCustomStatus("repairing");
            try
            {
                outcome = await context.CallSubOrchestratorAsync<RepairOutcome>(
                    RepairOrchestrator.Name, new RepairRequest(prepared.JobId, prepared.Settings!), new SubOrchestrationOptions { InstanceId = prepared.JobId });
            }
            catch (TaskFailedException ex)
            {
                // The pull request still hears about it; the check run must not stay in progress.
                failure = ex.FailureDetails.ErrorMessage;
            }
        }

        context.SetCustomStatus("publishing");
        return await context.CallActivityAsync<PullRequestFixOutcome>(
            GitHubTasks.PublishPullRequestFix, new PublishPullRequestFix(request, context.InstanceId, prepared, outcome, failure, context.CurrentUtcDateTime), ActivityRetries.Infrastructure);
    }
}
