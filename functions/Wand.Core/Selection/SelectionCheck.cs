using Wand.Sandbox;

namespace Wand.Selection;

/// <summary>
/// Whether running only a selection of test files tells the same as the whole suite, tried on the
/// parent before any of its candidates relies on it: a test that passes alone and fails with the
/// others (or the reverse) depends on the others, and a runner that ran every test anyway saves
/// nothing. Tests are compared by <see cref="TestIdentity"/>.
/// </summary>
public static class SelectionCheck
{
    /// <summary>Why the selection cannot stand in for the whole suite on this parent; null when it can.</summary>
    public static string? Problem(SandboxResult whole, SandboxResult selected)
    {
        if (selected.Reason != whole.Reason)
        {
            return $"run alone, the selected tests ended as {selected.Reason.Describe()}, the whole suite as {whole.Reason.Describe()}";
        }

        var outcomes = Outcomes(whole);
        var ran = Outcomes(selected);
        if (ran.Count >= outcomes.Count)
        {
            return "the runner ran every test anyway";
        }

        foreach (var (test, outcome) in ran)
        {
            if (!outcomes.TryGetValue(test, out var before) || before != outcome)
            {
                return $"run alone, '{test}' {Word(outcome)}; in the whole suite it {(outcomes.ContainsKey(test) ? Word(before) : "did not run")}";
            }
        }

        var missed = outcomes.FirstOrDefault(t => t.Value == TestOutcome.Failed && !ran.ContainsKey(t.Key)).Key;
        return missed is null ? null : $"the failing test '{missed}' is not among the selected tests";
    }

    // Failed and Error are one outcome here; a test seen twice keeps its worst.
    private static Dictionary<string, TestOutcome> Outcomes(SandboxResult result)
    {
        var outcomes = new Dictionary<string, TestOutcome>(StringComparer.Ordinal);
        foreach (var test in result.Tests)
        {
            var outcome = test.Outcome == TestOutcome.Error ? TestOutcome.Failed : test.Outcome;
            var identity = TestIdentity.Of(test.Name);
            outcomes[identity] = outcomes.TryGetValue(identity, out var seen) && seen == TestOutcome.Failed ? seen : outcome;
        }

        return outcomes;
    }

    private static string Word(TestOutcome outcome) => outcome switch
    {
        TestOutcome.Passed => "passed",
        TestOutcome.Skipped => "was skipped",
        _ => "failed",
    };
}
