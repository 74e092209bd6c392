using Wand.Sandbox;
using Wand.Sandbox.Reports;

namespace Wand.Search;

/// <summary>Telling a slow candidate from a hung one, when its own limit stops it.</summary>
public sealed class SearchRoundTests
{
    private static readonly TimeSpan Own = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Job = TimeSpan.FromSeconds(120);

    [Fact]
    public void StoppedWhileEveryReportedTestPassed_IsSlow_AndRunsAgainWithTheJobsLimit() =>
        Assert.True(SearchRound.SlowNotHung(Run(ExitReason.Timeout, TestOutcome.Passed, TestOutcome.Passed), Own, Job));

    [Fact]
    public void StoppedWithAFailedTest_IsNotWorthTheJobsLimit() =>
        Assert.False(SearchRound.SlowNotHung(Run(ExitReason.Timeout, TestOutcome.Passed, TestOutcome.Failed), Own, Job));

    [Fact]
    public void StoppedBeforeReportingAnything_IsTakenForHung() =>
        Assert.False(SearchRound.SlowNotHung(Run(ExitReason.Timeout), Own, Job));

    [Fact]
    public void StoppedAtTheJobsOwnLimit_HasNoMoreTimeToGet() =>
        Assert.False(SearchRound.SlowNotHung(Run(ExitReason.Timeout, TestOutcome.Passed), Job, Job));

    [Fact]
    public void ARunThatEnded_IsNotRunAgain() =>
        Assert.False(SearchRound.SlowNotHung(Run(ExitReason.Completed, TestOutcome.Passed), Own, Job));

    private static SandboxResult Run(ExitReason reason, params TestOutcome[] outcomes) => new(
        reason, null, [.. outcomes.Select((o, i) => new TestCaseResult($"t{i}", o, null, TimeSpan.Zero))], new List<CompilerDiagnostic>(), "", "",
        new SandboxTimings(TimeSpan.Zero, Own));
}
