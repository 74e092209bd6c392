namespace Wand.Repair;

/// <summary>
/// The input of <see cref="RepairOrchestrator"/>. The job itself is already stored at
/// <see cref="JobBlobNames.Job"/>; only its id travels through orchestration state.
/// </summary>
/// <param name="Notes">What was changed from what the caller asked (a budget capped to the configured one); the outcome carries them.</param>
public sealed record RepairRequest(string JobId, RepairSettings Settings, IReadOnlyList<string>? Notes = null);
