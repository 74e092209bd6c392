namespace Wand.Sandbox;

/// <summary>Why a sandbox run ended.</summary>
public enum ExitReason
{
    /// <summary>The test command ran to its end (tests may still have failed).</summary>
    Completed,
    CompileError,
    Timeout,
    OutOfMemory,
    Killed,

    /// <summary>The run wrote more than the output cap and was stopped.</summary>
    OutputTruncated,
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

/// <summary>Everything a run tells the pipeline (and an LLM) about a candidate.</summary>
public sealed record SandboxResult(
    ExitReason Reason,
    int? ExitCode,
    IReadOnlyList<TestCaseResult> Tests,
    string Stdout,
    string Stderr,
    TimeSpan Duration)
{
    public int Passed => Tests.Count(t => t.Outcome == TestOutcome.Passed);

    public int Failed => Tests.Count(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error);

    /// <summary>Every test ran and passed, and there was at least one.</summary>
    public bool AllPassed => Reason == ExitReason.Completed && ExitCode == 0 && Tests.Count > 0 && Failed == 0;
}
