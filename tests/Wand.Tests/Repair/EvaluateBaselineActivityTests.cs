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
    public void FlakyTests_NamesCarryingTheTimeOrAGuid_AreTheSameTestEveryRun()
    {
        // xunit theories whose data is DateTime.Now or Guid.NewGuid(): new names every run, same outcomes.
        var first = Run(("Clock.Formats(when: 11/30/2026 18:07:58)", TestOutcome.Passed), ("Ids.Parse(id: 3f2504e0-4f89-11d3-9a0c-0305e82c3301)", TestOutcome.Failed));
        var second = Run(("Clock.Formats(when: 11/30/2026 18:08:03)", TestOutcome.Passed), ("Ids.Parse(id: 9b2d1c77-0a4e-4e8f-b1a2-7c3d5e6f8a90)", TestOutcome.Failed));

        Assert.Empty(EvaluateBaselineActivity.FlakyTests([first, second]));
    }

    [Fact]
    public void FlakyTests_OneOfTwoTimeNamedTestsPassingOnce_IsStillFlaky()
    {
        var first = Run(("Clock.Tick(at: 18:07:58.120)", TestOutcome.Passed), ("Clock.Tick(at: 18:07:58.950)", TestOutcome.Passed));
        var second = Run(("Clock.Tick(at: 18:08:03.410)", TestOutcome.Passed), ("Clock.Tick(at: 18:08:03.777)", TestOutcome.Failed));

        Assert.Equal(["Clock.Tick(at: #)"], EvaluateBaselineActivity.FlakyTests([first, second]));
    }

    [Fact]
    public void FlakyTests_RunsEndingDifferently_NameTheWholeRun()
    {
        var timedOut = Run() with { Reason = ExitReason.Timeout };

        var flaky = EvaluateBaselineActivity.FlakyTests([Run(), timedOut]);

        Assert.Equal(["(the whole run: Completed vs Timeout)"], flaky);
    }

    [Fact]
    public void FlakyTests_RunsStoppedBySomethingElseEachTime_AreNotFlaky()
    {
        // Recursion without end: its tracebacks fill the output in one run, the time in the next.
        var flaky = EvaluateBaselineActivity.FlakyTests([Run() with { Reason = ExitReason.OutputTruncated }, Run() with { Reason = ExitReason.Timeout }]);

        Assert.Empty(flaky);
    }

    private static SandboxResult Run(params (string Name, TestOutcome Outcome)[] tests) => new(
        ExitReason.Completed, 1, tests.Select(t => new TestCaseResult(t.Name, t.Outcome, null, TimeSpan.Zero)).ToList(),
        new List<CompilerDiagnostic>(), "", "", new SandboxTimings(TimeSpan.Zero, TimeSpan.Zero));
}
