using Wand.Jobs;

namespace Wand.Generation;

/// <summary>
/// What an LLM reply proposes: the editable files it changes, with their new content. When it
/// proposes nothing usable, <see cref="Problem"/> says why (recorded, never thrown).
/// </summary>
public sealed record ParsedReply(IReadOnlyList<JobFile> Changes, string? Problem, IReadOnlyList<string> Ignored)
{
    public bool IsUsable => Changes.Count > 0;
}
