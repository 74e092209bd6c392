namespace Wand.Sandbox;

/// <summary>
/// The one wording of why a run ended, as a verb phrase that follows "the run" (or "the
/// tests", "the candidate"): the CLI, the reports, the prompts and the candidates' summaries all
/// say it the same way.
/// </summary>
public static class ExitReasonWords
{
    /// <summary>"completed", "did not compile", "timed out", ...</summary>
    public static string Describe(this ExitReason reason) => reason switch
    {
        ExitReason.Completed => "completed",
        ExitReason.CompileError => "did not compile",
        ExitReason.Timeout => "timed out",
        ExitReason.OutOfMemory => "ran out of memory",
        ExitReason.Killed => "was killed",
        ExitReason.OutputTruncated => "was stopped: too much output",
        ExitReason.NoTests => "ran no test",
        ExitReason.SetupFailed => "could not start: its environment's setup failed",
        _ => reason.ToString(),
    };
}
