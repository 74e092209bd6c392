namespace Wand.Sandbox;

/// <summary>Why a run ended, from what the sandbox saw; the same rules for a single run and a batch's variant.</summary>
internal static class RunVerdict
{
    public static ExitReason Of(bool timedOut, bool compileFailed, bool oomKilled, int? exitCode) =>
        timedOut ? ExitReason.Timeout
        : compileFailed ? ExitReason.CompileError
        : oomKilled ? ExitReason.OutOfMemory
        : exitCode is 137 ? ExitReason.Killed
        : ExitReason.Completed;
}
