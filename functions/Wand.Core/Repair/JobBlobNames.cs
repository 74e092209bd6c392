namespace Wand.Repair;

/// <summary>
/// Where a job's artifacts live in the artifact container, all under <c>jobs/{jobId}/</c>.
/// Candidates are stored by key, so writing one twice (activities run at least once) is harmless.
/// </summary>
public static class JobBlobNames
{
    public static string Prefix(string jobId) => $"jobs/{jobId}/";

    public static string Job(string jobId) => $"jobs/{jobId}/job.json";

    public static string CandidateFiles(string jobId, string key) => $"jobs/{jobId}/candidates/{key}/files.json";

    public static string CandidateResult(string jobId, string key) => $"jobs/{jobId}/candidates/{key}/result.json";

    /// <summary>The winner's second run, which must agree with its first before it is returned.</summary>
    public static string CandidateConfirmation(string jobId, string key) => $"jobs/{jobId}/candidates/{key}/confirmation.json";

    public static string CandidateSummary(string jobId, string key) => $"jobs/{jobId}/candidates/{key}/summary.json";

    public static string CandidateLog(string jobId, string key) => $"jobs/{jobId}/candidates/{key}/log.txt";

    public static string CandidateDiff(string jobId, string key) => $"jobs/{jobId}/candidates/{key}/diff.patch";

    public static string BaselineRun(string jobId, int run) => $"jobs/{jobId}/baseline/run-{run}.json";

    public static string Prompt(string jobId, int round, int index) => $"jobs/{jobId}/generations/r{round}-{index}.prompt.md";

    public static string Reply(string jobId, int round, int index) => $"jobs/{jobId}/generations/r{round}-{index}.reply.md";

    /// <summary>
    /// The files one generation proposed. Replies that differ only in whitespace share a key, so
    /// each keeps its own files here and the one the orchestrator picks becomes the candidate's.
    /// The key is in the name because a generation run again (activities run at least once) asks
    /// the model again and may get other files: those must not replace the ones the key names.
    /// </summary>
    public static string GenerationFiles(string jobId, int round, int index, string key) => $"jobs/{jobId}/generations/r{round}-{index}.{key[..Math.Min(16, key.Length)]}.files.json";

    /// <summary>Every candidate one search round evaluated (a search round stores full artifacts for its best ones only).</summary>
    public static string SearchRound(string jobId, int round) => $"jobs/{jobId}/search/r{round}.json";

    /// <summary>How far the running search round has got (<see cref="SearchRoundProgress"/>), replaced after each of its sandbox runs.</summary>
    public static string SearchProgress(string jobId) => $"jobs/{jobId}/search/progress.json";

    /// <summary>What the checks of test selections on parents found, for the candidates evaluated one at a time (<see cref="Selection.SelectedTestRuns.Checked"/>).</summary>
    public static string SelectionChecks(string jobId) => $"jobs/{jobId}/selection-checks.json";

    /// <summary>The behaviour probe's inputs, and what the original and each passing candidate did on them (<see cref="ExamineBehaviourActivity"/>).</summary>
    public static string Behaviour(string jobId) => $"jobs/{jobId}/behaviour.json";

    public static string Report(string jobId) => $"jobs/{jobId}/report.json";

    public static string MarkdownReport(string jobId) => $"jobs/{jobId}/report.md";

    public static string HtmlReport(string jobId) => $"jobs/{jobId}/report.html";
}
