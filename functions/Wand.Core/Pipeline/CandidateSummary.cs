using System.Text.Json.Serialization;
using Wand.Sandbox;

namespace Wand.Pipeline;

/// <summary>
/// An evaluated candidate as the orchestrator sees it: enough to rank it and describe it in one
/// line. Its files, full result, log and diff are blobs under <see cref="JobArtifacts"/>.
/// </summary>
/// <param name="Key">Its <see cref="CandidateKey"/>; the baseline's is the key of the job's own files.</param>
/// <param name="Round">0 for the baseline.</param>
/// <param name="ParentKey">The candidate it was generated from (null for the baseline).</param>
/// <param name="Cached">The result came from the evaluation cache, not from a new run.</param>
/// <param name="Explanation">What the generator said the defect was, when it said.</param>
/// <param name="FirstFailure">The first failing test or compiler error, in one line.</param>
public sealed record CandidateSummary(
    string Key,
    int Round,
    string? ParentKey,
    ExitReason Reason,
    bool AllPassed,
    int Passed,
    int Failed,
    int TestCount,
    int ChangedLines,
    long DurationMs,
    bool Cached,
    string? Explanation,
    string? FirstFailure)
{
    [JsonIgnore]
    public CandidateScore Score => new(AllPassed, Passed, Reason != ExitReason.CompileError, ChangedLines, TimeSpan.FromMilliseconds(DurationMs));

    /// <summary>A short id for people: the first characters of the key.</summary>
    [JsonIgnore]
    public string ShortKey => Abbreviate(Key);

    /// <summary>The first characters of a candidate key, as people see it.</summary>
    public static string Abbreviate(string key) => key[..Math.Min(8, key.Length)];

    /// <summary>One line about this candidate, as earlier attempts are shown to the generator.</summary>
    public string Describe()
    {
        var what = Reason switch
        {
            ExitReason.CompileError => "does not compile",
            ExitReason.Timeout => "timed out",
            ExitReason.OutOfMemory => "ran out of memory",
            ExitReason.OutputTruncated => "wrote too much output",
            ExitReason.Killed => "was killed",
            _ => $"{Passed} of {TestCount} tests pass",
        };
        var line = $"{(Round == 0 ? "the original code" : $"candidate {ShortKey} (round {Round}, {ChangedLines} lines changed)")}: {what}";
        return FirstFailure is null ? line : $"{line}; {FirstFailure}";
    }
}
