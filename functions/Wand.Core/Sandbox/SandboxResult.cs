using Wand.Sandbox.Reports;

namespace Wand.Sandbox;

/// <summary>Why a sandbox run ended.</summary>
public enum ExitReason
{
    /// <summary>The test command ran to its end (tests may still have failed).</summary>
    Completed,

    /// <summary>The code did not compile (or, for Python and JavaScript, did not parse); see the diagnostics.</summary>
    CompileError,

    /// <summary>The wall-clock limit ran out; the container was killed.</summary>
    Timeout,

    /// <summary>A process hit the memory limit and the kernel killed it.</summary>
    OutOfMemory,

    /// <summary>The test command died of SIGKILL that was neither our timeout nor the OOM killer.</summary>
    Killed,

    /// <summary>The run wrote more than the output limit and was stopped.</summary>
    OutputTruncated,

    /// <summary>The test command ran to its end and no test ran (or it left no report of any): never a pass.</summary>
    NoTests,

    /// <summary>The job's environment (<c>.wand.yml</c>'s setup or image) could not be made: nothing ran; the setup's log tail is the stderr.</summary>
    SetupFailed,
}

public enum TestOutcome
{
    Passed,
    Failed,
    Error,
    Skipped,
}

/// <summary>One test as its runner reported it.</summary>
public sealed record TestCaseResult(string Name, TestOutcome Outcome, string? Message, TimeSpan Duration);

/// <summary>Where a run's time went.</summary>
/// <param name="Container">Getting a started container (near zero from the warm pool).</param>
/// <param name="Run">Files in, the test command (compile included), reports out.</param>
public sealed record SandboxTimings(TimeSpan Container, TimeSpan Run)
{
    public TimeSpan Total => Container + Run;
}

/// <summary>Everything a run tells the pipeline (and an LLM) about a candidate.</summary>
public sealed record SandboxResult(
    ExitReason Reason,
    int? ExitCode,
    IReadOnlyList<TestCaseResult> Tests,
    IReadOnlyList<CompilerDiagnostic> Diagnostics,
    string Stdout,
    string Stderr,
    SandboxTimings Timings)
{
    public int Passed => Tests.Count(t => t.Outcome == TestOutcome.Passed);

    public int Failed => Tests.Count(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error);

    public TimeSpan Duration => Timings.Total;

    /// <summary>What to do about this run, when the reason calls for it (<see cref="NoTestsAdvice"/> when no test ran).</summary>
    public string? Advice { get; init; }

    /// <summary>The text of the file the job named as <see cref="Jobs.Job.ExtraReport"/>, when the run left it.</summary>
    public string? ExtraReport { get; init; }

    /// <summary>
    /// The test files this run was narrowed to (<see cref="SandboxVariant.Tests"/>); null: the
    /// whole suite ran. A run of selected tests is never a pass (<see cref="AllPassed"/>).
    /// </summary>
    public IReadOnlyList<string>? SelectedTests { get; init; }

    /// <summary>
    /// The whole suite ran, no test failed, and at least one passed (a run whose tests were all
    /// skipped proves nothing, and one of selected tests proves nothing of the others).
    /// </summary>
    public bool AllPassed => SelectedTests is null && RanClean;

    /// <summary>A run of selected tests in which every one of them passed: the whole suite runs next.</summary>
    public bool PassedSelected => SelectedTests is not null && RanClean;

    private bool RanClean => Reason == ExitReason.Completed && ExitCode == 0 && Passed > 0 && Failed == 0;

    /// <summary>What the message of a test stopped at a time limit says (pytest: the image's wand_time_limits.py).</summary>
    public const string TimeLimitMark = "wand: this test ran past";

    /// <summary>What the message of a test not run, because one before it ran out of time, says.</summary>
    public const string NotRunMark = "wand: not run:";

    /// <summary>Every test that failed was stopped at a time limit, or not run after one was: none failed by itself.</summary>
    public bool FailedOnlyByTimeLimits => Tests.Where(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error)
        .All(StoppedByATimeLimit);

    /// <summary>
    /// The run ran out of time: it was stopped at its limit, or one of its tests was (the test
    /// runner stops a test at its own limit, or shortly before the run's, and reports the rest).
    /// </summary>
    public bool RanOutOfTime => Reason == ExitReason.Timeout || Tests.Any(t => Says(t, TimeLimitMark));

    /// <summary>
    /// The tests that ended by themselves, passing or failing, and so measured how long they take:
    /// not those stopped at a time limit, nor those not run after one was.
    /// </summary>
    public IEnumerable<TestCaseResult> EndedByThemselves => Tests.Where(t =>
        t.Outcome is TestOutcome.Passed or TestOutcome.Failed or TestOutcome.Error && !StoppedByATimeLimit(t));

    /// <summary>The test was stopped at a time limit, or not run after another was.</summary>
    private static bool StoppedByATimeLimit(TestCaseResult test) => Says(test, TimeLimitMark) || Says(test, NotRunMark);

    private static bool Says(TestCaseResult test, string mark) => test.Message?.Contains(mark, StringComparison.Ordinal) == true;
}
