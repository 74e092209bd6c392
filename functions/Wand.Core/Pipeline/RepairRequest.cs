namespace Wand.Pipeline;

/// <summary>
/// The input of <see cref="RepairOrchestrator"/>. The job itself is already stored at
/// <see cref="JobArtifacts.Job"/>; only its id travels through orchestration state.
/// </summary>
public sealed record RepairRequest(string JobId, RepairSettings Settings);
