using Microsoft.DurableTask.Client;
using Wand.Plumbing;

namespace Wand.Repair;

/// <summary>
/// A repair as <c>GET /api/repairs/{id}</c> shows it: where it is (running, completed, failed,
/// canceled), its progress while it runs, its outcome when done, and where its reports are.
/// </summary>
/// <param name="Artifacts">Report names and their links (relative to the API's base address).</param>
public sealed record RepairStatusView(
    string Id,
    string Status,
    DateTime CreatedUtc,
    DateTime LastUpdatedUtc,
    RepairProgress? Progress,
    RepairOutcome? Result,
    string? Failure,
    IReadOnlyDictionary<string, string> Artifacts)
{
    /// <summary>How far the search round under way has got, while <see cref="Progress"/> says "searching".</summary>
    public SearchRoundProgress? Search { get; init; }

    /// <summary>The status names of the API, by the engine's.</summary>
    public static string StatusOf(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Completed => "completed",
        OrchestrationRuntimeStatus.Failed => "failed",
        OrchestrationRuntimeStatus.Terminated => "canceled",
        OrchestrationRuntimeStatus.Pending => "pending",
        _ => "running",
    };

    /// <summary>The engine's statuses that a status name of the API stands for; null for an unknown name.</summary>
    public static IReadOnlyList<OrchestrationRuntimeStatus>? RuntimeStatuses(string name) => name.ToLowerInvariant() switch
    {
        "completed" => [OrchestrationRuntimeStatus.Completed],
        "failed" => [OrchestrationRuntimeStatus.Failed],
        "canceled" => [OrchestrationRuntimeStatus.Terminated],
        "pending" => [OrchestrationRuntimeStatus.Pending],
        "running" => [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended],
        _ => null,
    };

    public static RepairStatusView From(OrchestrationMetadata state, string artifactsBase)
    {
        var status = StatusOf(state.RuntimeStatus);
        var progress = state.SerializedCustomStatus is null ? null : state.ReadCustomStatusAs<RepairProgress>();
        var result = state.RuntimeStatus == OrchestrationRuntimeStatus.Completed && state.SerializedOutput is not null ? state.ReadOutputAs<RepairOutcome>() : null;
        var artifacts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (result is not null)
        {
            var id = state.InstanceId;
            artifacts["report.html"] = $"{artifactsBase}/{id}/artifacts/report.html";
            artifacts["report.md"] = $"{artifactsBase}/{id}/artifacts/report.md";
            artifacts["report.json"] = $"{artifactsBase}/{id}/artifacts/report.json";
            if (result.Best is { } best)
            {
                artifacts["best.diff"] = $"{artifactsBase}/{id}/artifacts/candidates/{best.Key}/diff.patch";
            }
        }

        return new RepairStatusView(state.InstanceId, status, state.CreatedAt.UtcDateTime, state.LastUpdatedAt.UtcDateTime,
            progress, result, InstanceFailure.Of(state), artifacts);
    }
}
