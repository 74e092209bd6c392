using System.Text.Json.Serialization;
using Wand.Sandbox;
using Wand.Trust;

namespace Wand.Repair;

/// <summary>
/// An evaluated candidate as the orchestrator sees it: enough to rank it and describe it in one
/// line. Its files, full result, log and diff are blobs under <see cref="JobBlobNames"/>.
/// </summary>
/// <param name="Key">Its <see cref="CandidateKey"/>; the baseline's is the key of the job's own files.</param>
/// <param name="Round">0 for the baseline.</param>
/// <param name="ParentKey">The candidate it was generated from (null for the baseline).</param>
/// <param name="Cached">The result came from the evaluation cache, not from a new run.</param>
/// <param name="Explanation">What the generator said the defect was, when it said.</param>
/// <param name="FirstFailure">The first failing test or compiler error, in one line.</param>
/// <param name="Suspicion">Why a candidate whose tests all passed is not believed (<see cref="TestGamingCheck"/>): it never counts as passing, ranks last, and is never offered.</param>
/// <param name="ChosenTests">It ran only the tests chosen for its change (this many test files, or tests by name) and failed one of them: the whole suite did not run (null: it did).</param>
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
    string? FirstFailure,
    IReadOnlyList<GamingFinding>? Suspicion = null,
    int? ChosenTests = null)
{
    private const int MaxFailureChars = 300;

    [JsonIgnore]
    public CandidateScore Score => new(AllPassed, Passed, Reason != ExitReason.CompileError, ChangedLines, TimeSpan.FromMilliseconds(DurationMs), IsSuspicious);

    /// <summary>Its tests passed, and it was caught gaming them.</summary>
    [JsonIgnore]
    public bool IsSuspicious => Suspicion is { Count: > 0 };

    /// <summary>Why it is not believed, in one line for reports, comments and batch lines (null when it is not suspicious).</summary>
    [JsonIgnore]
    public string? Suspected => IsSuspicious ? $"candidate {ShortKey} passes its tests but is not believed: {string.Join("; ", Suspicion!)}" : null;

    /// <summary>
    /// The summary of a run: a run whose tests all pass counts as passing only if the gaming check
    /// (<paramref name="suspicion"/>) found nothing.
    /// </summary>
    public static CandidateSummary Of(
        string key, int round, string? parentKey, SandboxResult result, int changedLines, TimeSpan duration, bool cached, string? explanation,
        IReadOnlyList<GamingFinding> suspicion) => new(
        key, round, parentKey, result.Reason, result.AllPassed && suspicion.Count == 0, result.Passed, result.Failed, result.Tests.Count,
        changedLines, (long)duration.TotalMilliseconds, cached, explanation, suspicion.Count > 0 ? Shorten($"not believed: {suspicion[0]}") : FirstFailureOf(result),
        suspicion.Count > 0 ? suspicion : null, result.SelectedTests?.Count);

    /// <summary>A short id for people: the first characters of the key.</summary>
    [JsonIgnore]
    public string ShortKey => Abbreviate(Key);

    /// <summary>The first characters of a candidate key, as people see it.</summary>
    public static string Abbreviate(string key) => key[..Math.Min(8, key.Length)];

    /// <summary>What its run came to, in a word or two, as every report's table says it.</summary>
    [JsonIgnore]
    public string Result => AllPassed ? "all pass" : IsSuspicious ? "suspicious" : Reason == ExitReason.Completed ? "tests fail" : Reason.Describe();

    /// <summary>One line about this candidate, as earlier attempts are shown to the generator.</summary>
    public string Describe()
    {
        var what = Reason switch
        {
            ExitReason.Completed when IsSuspicious => $"{Passed} of {TestCount} tests pass, but it is not believed",
            ExitReason.Completed when ChosenTests is not null => $"{Passed} of the {TestCount} tests chosen for its change pass (the rest of the suite did not run)",
            ExitReason.Completed => $"{Passed} of {TestCount} tests pass",
            _ => Reason.Describe(),
        };
        var line = $"{(Round == 0 ? "the original code" : $"candidate {ShortKey} (round {Round}, {ChangedLines} lines changed)")}: {what}";
        return FirstFailure is null ? line : $"{line}; {FirstFailure}";
    }

    /// <summary>The first compiler error or failing test, in one line, for prompts and reports.</summary>
    public static string? FirstFailureOf(SandboxResult result)
    {
        if (result.Reason is ExitReason.NoTests or ExitReason.SetupFailed)
        {
            return result.Advice;
        }

        var error = result.Diagnostics.FirstOrDefault(d => d.Severity == "error");
        if (error is not null)
        {
            return Shorten($"{error.File}:{error.Line}: {error.Message}");
        }

        var test = result.Tests.FirstOrDefault(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error);
        return test is null ? null : Shorten($"{test.Name} failed: {test.Message ?? "(no message)"}");
    }

    private static string Shorten(string text)
    {
        var line = string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= MaxFailureChars ? line : line[..MaxFailureChars] + "...";
    }
}
