using Wand.Sandbox;
using Wand.Sandbox.Reports;

namespace Wand.Repair;

/// <summary>Telling a flaky test from a failing one by reruns of the same code.</summary>
public sealed class EvaluateBaselineActivityTests
{
    [Fact]
    public void FlakyTests_SameOutcomesEveryRun_IsEmpty()
    {
        var runs = new[] { Run(("a", TestOutcome.Passed), ("b", TestOutcome.Failed)), Run(("a", TestOutcome.Passed), ("b", TestOutcome.Failed)) };

        Assert.Empty(EvaluateBaselineActivity.FlakyTests(runs));
    }

    [Fact]
    public void FlakyTests_ATestPassingOnceAndFailingOnce_IsNamed()
    {
        var runs = new[] { Run(("a", TestOutcome.Passed), ("b", TestOutcome.Failed)), Run(("a", TestOutcome.Failed), ("b", TestOutcome.Failed)) };

        Assert.Equal(["a"], EvaluateBaselineActivity.FlakyTests(runs));
    }

    [Fact]
    public void FlakyTests_ATestMissingFromOneRun_CountsAsNotPassing()
    {
        var runs = new[] { Run(("a", TestOutcome.Passed), ("b", TestOutcome.Failed)), Run(("b", TestOutcome.Failed)) };

        Assert.Equal(["a"], EvaluateBaselineActivity.FlakyTests(runs));
    }

    [Fact]
    public void FlakyTests_RunsEndingDifferently_NameTheWholeRun()
    {
        var timedOut = Run() with { Reason = ExitReason.Timeout };

        var flaky = EvaluateBaselineActivity.FlakyTests([Run(), timedOut]);

        Assert.Equal(["(the whole run: Completed vs Timeout)"], flaky);
    }

    private static SandboxResult Run(params (string Name, TestOutcome Outcome)[] tests) => new(
        ExitReason.Completed, 1, tests.Select(t => new TestCaseResult(t.Name, t.Outcome, null, TimeSpan.Zero)).ToList(),
        new List<CompilerDiagnostic>(), "", "", new SandboxTimings(TimeSpan.Zero, TimeSpan.Zero));
}
