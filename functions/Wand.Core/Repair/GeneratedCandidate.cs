namespace Wand.Repair;

/// <summary>What one generation request produced: a candidate's key, or why there is none.</summary>
/// <param name="Key">The candidate's <see cref="CandidateKey"/>; its files are stored. Null when the reply had no usable code.</param>
/// <param name="Problem">Why there is no candidate (the LLM call failed, the reply had no code...).</param>
/// <param name="Explanation">The reply's own words on what the defect was.</param>
public sealed record GeneratedCandidate(
    int Round,
    int Index,
    string ParentKey,
    string? Key,
    string? Problem,
    string? Explanation,
    int PromptTokens,
    int CompletionTokens,
    int Calls)
{
    public int Tokens => PromptTokens + CompletionTokens;
}
