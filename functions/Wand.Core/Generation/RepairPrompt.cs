namespace Wand.Generation;

/// <summary>The two messages of a repair request: the standing instructions and this job's state.</summary>
public sealed record RepairPrompt(string System, string User)
{
    /// <summary>The files the prompt shows only in parts (<see cref="FileExcerpts"/>): a reply may not give them whole.</summary>
    public IReadOnlyList<string> PartlyShown { get; init; } = [];
}
