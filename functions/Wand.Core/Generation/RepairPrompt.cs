namespace Wand.Generation;

/// <summary>The two messages of a repair request: the standing instructions and this job's state.</summary>
public sealed record RepairPrompt(string System, string User);
