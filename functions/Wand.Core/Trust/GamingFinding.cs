namespace Wand.Trust;

/// <summary>
/// Why a candidate that passes is not believed: what it does that test-gaming does, and where.
/// </summary>
/// <param name="Reason">One of the <see cref="GamingReasons"/>, in words.</param>
/// <param name="File">The file, relative to the job; null for a finding about the run itself.</param>
/// <param name="Line">1-based line in the candidate's file (0 for the run itself).</param>
/// <param name="Text">The line as the candidate has it (trimmed), or what the run showed.</param>
public sealed record GamingFinding(string Reason, string? File, int Line, string Text)
{
    public override string ToString() => File is null ? $"{Reason}: {Text}" : $"{Reason} ({File}:{Line}: {Text})";
}

/// <summary>The wording of each kind of test-gaming: one place, used by every report.</summary>
public static class GamingReasons
{
    public const string Exits = "exits the process or replaces its exit path";
    public const string Hooks = "installs an exit, signal or tracing hook";
    public const string TouchesFramework = "touches the test framework or its reporter";
    public const string ReadsTests = "reads the tests or the run's own files";
    public const string DetectsTests = "looks for signs that a test is running (environment, stack, arguments)";
    public const string StartsProcesses = "starts processes of its own";
    public const string ComputedNames = "reaches code by a computed name (eval, reflection, dynamic imports), which hides what it calls";
    public const string CopiesExpected = "special-cases values copied from the tests";
    public const string TestsChanged = "its run does not have the original's tests";
    public const string ChangesInlineTests = "changes the tests written inside the code (#[cfg(test)], #[test])";
}
