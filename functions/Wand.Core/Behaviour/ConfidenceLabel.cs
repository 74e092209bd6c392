using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Wand.Behaviour;

/// <summary>How sure Wand is of a fix that passes the tests, in three words.</summary>
public enum Confidence
{
    /// <summary>The passing candidates agree, and the fix does what the original did on what its passing tests call.</summary>
    [JsonStringEnumMemberName("likely-correct")]
    LikelyCorrect,

    /// <summary>The tests pass, but candidates that pass them disagree, or the fix changes what a passing test's call did.</summary>
    [JsonStringEnumMemberName("plausible")]
    Plausible,

    /// <summary>The fix looks like it games the tests (Trust/).</summary>
    [JsonStringEnumMemberName("suspicious")]
    Suspicious,
}

/// <summary>A fix's <see cref="Confidence"/> and the reasons for it, in words for reports.</summary>
public sealed record ConfidenceLabel(Confidence Confidence, IReadOnlyList<string> Reasons)
{
    /// <summary>
    /// The label of <paramref name="chosen"/> among the passing candidates' outcomes (suspicious
    /// fixes are never offered: that label is the outcome's, <c>RepairOutcome.Confidence</c>). The
    /// rule: likely-correct when every passing candidate is in the chosen one's group and the fix does exactly what the original did on each recorded call of
    /// a test the original passed; else plausible. Amplified inputs from passing tests may change:
    /// a defect shows on inputs next to the ones a passing test tried (an odd-length median test's
    /// even-length neighbours), so a change there counts against a fix only when candidates disagree on it.
    /// </summary>
    public static ConfidenceLabel For(
        string chosen, IReadOnlyList<(string Key, IReadOnlyList<JsonObject> Outcomes)> passing, IReadOnlyList<JsonObject> original,
        IReadOnlyList<ProbeCall> inputs, ProbeRecording recording, DisagreementTest writer)
    {
        var reasons = new List<string>();
        var groups = BehaviourGroups.Of(passing);
        var mine = groups.Single(g => g.Candidates.Contains(chosen));
        reasons.Add(passing.Count == 1
            ? "it is the only candidate that passes, so no other could disagree"
            : mine.Candidates.Count == passing.Count
                ? $"all {passing.Count} passing candidates do the same on {inputs.Count} inputs"
                : $"{passing.Count} passing candidates behave {groups.Count} ways on {inputs.Count} inputs; this fix is in a group of {mine.Candidates.Count}");
        var fix = passing.Single(p => p.Key == chosen).Outcomes;
        var passingCalls = recording.Calls.Where(recording.FromAPassingTest).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var changed = BehaviourGroups.Differences(original, fix).Where(i => passingCalls.Contains(inputs[i].Key)).ToList();
        if (changed.Count > 0)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"it changes what {changed.Count} call(s) of tests the original passed did, first {writer.Expression(inputs[changed[0]])}"));
        }
        else if (passingCalls.Count > 0)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"it does what the original did on the {passingCalls.Count} call(s) of tests the original passed"));
        }

        var agree = mine.Candidates.Count == passing.Count;
        return new(agree && changed.Count == 0 ? Confidence.LikelyCorrect : Confidence.Plausible, reasons);
    }

    /// <summary>The label as reports write it.</summary>
    public static string Word(Confidence confidence) => confidence switch
    {
        Confidence.LikelyCorrect => "likely-correct",
        Confidence.Plausible => "plausible",
        _ => "suspicious",
    };
}
