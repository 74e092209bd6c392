namespace Wand.Generation;

/// <summary>
/// What answers repair prompts: <see cref="LlmClient"/> in both hosts. The seam exists so the
/// orchestration-overhead benchmark can put an instant model in its place.
/// </summary>
public interface IChatModel
{
    bool IsConfigured { get; }

    /// <summary>One completion of <paramref name="prompt"/>; throws <see cref="LlmCallException"/> when it cannot be had.</summary>
    Task<LlmReply> CompleteAsync(RepairPrompt prompt, CancellationToken cancellationToken);
}
