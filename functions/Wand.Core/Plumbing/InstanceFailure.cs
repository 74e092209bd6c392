using Microsoft.DurableTask.Client;

namespace Wand.Plumbing;

/// <summary>
/// Why an orchestration failed, as the engine it ran on tells it. The in-memory engine keeps the
/// failure's details; DurableTask.AzureStorage keeps only their text ("{type}: {message}") as the
/// instance's output and gives no details, so a failed repair on `wand serve` said nothing of why.
/// </summary>
public static class InstanceFailure
{
    /// <summary>The failure's message; null unless the instance failed.</summary>
    public static string? Of(OrchestrationMetadata state) => state.RuntimeStatus != OrchestrationRuntimeStatus.Failed
        ? null
        : state.FailureDetails?.ErrorMessage ?? (string.IsNullOrWhiteSpace(state.SerializedOutput) ? "the engine recorded no reason" : state.SerializedOutput);
}
