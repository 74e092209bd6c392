using Wand.Sandbox;
using Wand.Sandbox.Reports;

namespace Wand.Search;

/// <summary>A candidate's time limits from its parent's run, and telling a slow candidate from a hung one.</summary>
public sealed class CandidateTimeLimitsTests
{
    private static readonly TimeSpan Job = TimeSpan.FromSeconds(120);
    private static readonly CandidateTimeLimits Own = new(TimeSpan.FromSeconds(3), null);

    [Fact]
    public void Of_AParentThatRan_GivesAFewTimesItsRunAndItsSlowestTest()
    {
        var limits = CandidateTimeLimits.Of(Run(ExitReason.Completed, TimeSpan.FromSeconds(4), (TestOutcome.Passed, 1.5), (TestOutcome.Failed, 0.1)), Job);

        Assert.Equal(TimeSpan.FromSeconds(9), limits.Run);
        Assert.Equal(TimeSpan.FromSeconds(7.5), limits.Test);
    }

    [Fact]
    public void Of_FastTests_GetTheFloor_AndNoTestLimitAtLeastTheRunsOwn()
    {
        Assert.Equal(CandidateTimeLimits.TestFloor, CandidateTimeLimits.Of(Run(ExitReason.Completed, TimeSpan.FromSeconds(2), (TestOutcome.Passed, 0.01)), Job).Test);
        Assert.Null(CandidateTimeLimits.Of(Run(ExitReason.Completed, TimeSpan.FromSeconds(0.2), (TestOutcome.Passed, 0.01)), Job).Test);
    }

    [Fact]
    public void Of_AParentThatRanOutOfTime_GetsTheHungParentsLimit_AndItsTracedTestsTimes()
    {
        var hung = Run(ExitReason.Timeout, Job);
        var stoppedInTrace = new TestCaseResult("loops", TestOutcome.Failed, SandboxResult.TimeLimitMark + " its time limit of 3 s", TimeSpan.FromSeconds(3));
        var ended = Run(ExitReason.Completed, TimeSpan.FromSeconds(10), (TestOutcome.Passed, 1.0));
        var traced = ended with { Tests = [.. ended.Tests, stoppedInTrace] };

        var limits = CandidateTimeLimits.Of(hung, Job, traced);

        Assert.Equal(CandidateTimeLimits.HungParentRun, limits.Run);
        Assert.Equal(TimeSpan.FromSeconds(5), limits.Test);
        Assert.Equal(TimeSpan.FromSeconds(10), CandidateTimeLimits.Of(hung, TimeSpan.FromSeconds(10)).Run);
    }

    [Fact]
    public void Of_AParentWhoseSlowTestFailsItsAssertion_GivesThatTestsTimeNotTheFloor()
    {
        // def test_add(): time.sleep(2); assert add(1, 2) == 3 - its fix takes 2 s as well, and
        // under the floor of 2 s every candidate, the fix among them, was stopped as hung.
        var limits = CandidateTimeLimits.Of(Run(ExitReason.Completed, TimeSpan.FromSeconds(6), (TestOutcome.Failed, 2.0)), Job);

        Assert.Equal(TimeSpan.FromSeconds(10), limits.Test);
    }

    [Fact]
    public void RanOutOfTime_IsARunOrATestStoppedAtALimit()
    {
        var stopped = new TestCaseResult("t", TestOutcome.Failed, SandboxResult.TimeLimitMark + " its time limit of 2 s (it hangs, or is much slower than it was)", TimeSpan.FromSeconds(2));

        Assert.True(Run(ExitReason.Timeout, Job).RanOutOfTime);
        Assert.True((Run(ExitReason.Completed, Job) with { Tests = [stopped] }).RanOutOfTime);
        Assert.False(Run(ExitReason.Completed, Job, (TestOutcome.Failed, 0.1)).RanOutOfTime);
    }

    [Fact]
    public void StoppedWhileEveryReportedTestPassed_IsSlow_AndRunsAgainWithTheJobsLimit() =>
        Assert.True(Own.SlowNotHung(Run(ExitReason.Timeout, Job, (TestOutcome.Passed, 0), (TestOutcome.Passed, 0)), Job, 0));

    [Fact]
    public void StoppedWithAFailedTest_IsNotWorthTheJobsLimit() =>
        Assert.False(Own.SlowNotHung(Run(ExitReason.Timeout, Job, (TestOutcome.Passed, 0), (TestOutcome.Failed, 0)), Job, 0));

    [Fact]
    public void StoppedBeforeReportingAnything_IsTakenForHung() =>
        Assert.False(Own.SlowNotHung(Run(ExitReason.Timeout, Job), Job, 0));

    [Fact]
    public void StoppedAtTheJobsOwnLimit_HasNoMoreTimeToGet() =>
        Assert.False(new CandidateTimeLimits(Job, null).SlowNotHung(Run(ExitReason.Timeout, Job, (TestOutcome.Passed, 0)), Job, 0));

    [Fact]
    public void ARunThatEnded_IsNotRunAgain() =>
        Assert.False(Own.SlowNotHung(Run(ExitReason.Completed, Job, (TestOutcome.Passed, 0)), Job, 0));

    [Fact]
    public void FailingOnlyByATestsLimit_WhilePassingMoreThanTheOriginal_IsSlow()
    {
        // A fix of code that failed fast: the test the defect cut short now takes its real time.
        var limits = new CandidateTimeLimits(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(2));
        var stopped = new TestCaseResult("slow", TestOutcome.Failed, "wand_time_limits.TestTimeLimitExceeded: " + SandboxResult.TimeLimitMark + " its time limit of 2 s", TimeSpan.FromSeconds(2));
        var notRun = new TestCaseResult("after", TestOutcome.Error, SandboxResult.NotRunMark + " slow ran out of time before it", TimeSpan.Zero);
        var passing = Run(ExitReason.Completed, Job, (TestOutcome.Passed, 0), (TestOutcome.Passed, 0));
        var fix = passing with { Tests = [.. passing.Tests, stopped, notRun] };

        Assert.True(limits.SlowNotHung(fix, Job, originalPassed: 1));
        Assert.False(limits.SlowNotHung(fix, Job, originalPassed: 2));
        Assert.False(limits.SlowNotHung(fix with { Tests = [.. fix.Tests, new TestCaseResult("wrong", TestOutcome.Failed, "assert 1 == 2", TimeSpan.Zero)] }, Job, originalPassed: 1));
    }

    private static SandboxResult Run(ExitReason reason, TimeSpan took, params (TestOutcome Outcome, double Seconds)[] tests) => new(
        reason, null, [.. tests.Select((t, i) => new TestCaseResult($"t{i}", t.Outcome, null, TimeSpan.FromSeconds(t.Seconds)))], new List<CompilerDiagnostic>(), "", "",
        new SandboxTimings(TimeSpan.Zero, took));
}
