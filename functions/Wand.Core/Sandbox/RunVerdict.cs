namespace Wand.Sandbox;

/// <summary>Why a run ended, from what the sandbox saw; the same rules for a single run and a run's variant.</summary>
internal static class RunVerdict
{
    public static ExitReason Of(bool timedOut, bool outputCapped, bool compileFailed, bool oomKilled, int? exitCode, int testCount) =>
        timedOut ? ExitReason.Timeout
        : outputCapped ? ExitReason.OutputTruncated
        : compileFailed ? ExitReason.CompileError
        : oomKilled ? ExitReason.OutOfMemory
        : exitCode is 137 ? ExitReason.Killed
        : testCount == 0 ? ExitReason.NoTests
        : ExitReason.Completed;
}
