using System.Text.Json;
using Wand.Behaviour;
using Wand.Repair;

namespace Wand.Batch;

/// <summary>The input of <see cref="BatchOrchestrator"/>: the batch's id and the blob (in the artifact container) that holds its jobs, one per line.</summary>
public sealed record BatchRequest(string BatchId, string JobsBlob, int Parallelism);

/// <summary>One input line of a batch: the repair it starts, or why it was rejected.</summary>
public sealed record BatchEntry(int Line, RepairRequest? Repair, string? Rejected);

/// <summary>A batch's jobs, each stored and checked; <paramref name="Problem"/> says why none can run (the blob is gone, too many jobs).</summary>
public sealed record BatchPlan(IReadOnlyList<BatchEntry> Entries, string? Problem);

/// <summary>
/// One line of a batch's report (<see cref="BatchBlobNames.Report"/>).
/// </summary>
/// <param name="Status">A repair's status (repaired, alreadyPassing, notRepaired, flakyBaseline, noTests, setupFailed), or rejected (bad input), failed (the repair broke) or canceled.</param>
/// <param name="Detail">Why the repair stopped, why the job was rejected, or what broke.</param>
/// <param name="Report">The job's Markdown report in the artifact container, when it has one.</param>
/// <param name="Notes">The repair's notes: what was changed from what the line asked (a budget capped to the configured one).</param>
/// <param name="Suspicious">Candidates that passed and were caught gaming the tests, each with why (<see cref="CandidateSummary.Suspected"/>).</param>
/// <param name="Confidence">How sure Wand is of the fix (likely-correct, plausible) or that the only passing candidates game the tests (suspicious); with <paramref name="ConfidenceReasons"/>, why.</param>
public sealed record BatchJobResult(
    int Line, string? JobId, string Status, string Detail, int? Passed = null, int? Tests = null, string? Report = null, IReadOnlyList<string>? Notes = null,
    IReadOnlyList<string>? Suspicious = null, string? Confidence = null, IReadOnlyList<string>? ConfidenceReasons = null)
{
    public const string Rejected = "rejected";
    public const string Failed = "failed";
    public const string Canceled = "canceled";

    /// <summary>A repair's status as a report line names it, as Wand's JSON names the enum.</summary>
    public static string StatusOf(RepairStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    public static BatchJobResult From(int line, RepairOutcome outcome)
    {
        var best = outcome.Best is { } b && b.Passed >= outcome.Baseline.Passed ? b : outcome.Baseline;
        var suspicious = outcome.Suspicious is { Count: > 0 } caught ? caught.Select(c => c.Suspected!).ToList() : null;
        return new(line, outcome.JobId, StatusOf(outcome.Status), outcome.StopReason, best.Passed, best.TestCount, outcome.MarkdownReport?.Name, outcome.Notes, suspicious,
            outcome.Confidence is { } confidence ? ConfidenceLabel.Word(confidence) : null, outcome.Behaviour?.Reasons);
    }
}

/// <summary>What a batch came to: counts by status and where its report is.</summary>
public sealed record BatchSummary(
    string BatchId,
    int Jobs,
    int Repaired,
    int AlreadyPassing,
    int NotRepaired,
    int Rejected,
    int Failed,
    string? Problem,
    string Report)
{
    public static BatchSummary From(string batchId, string? problem, IReadOnlyList<BatchJobResult> results)
    {
        int Count(string status) => results.Count(r => r.Status == status);
        var repaired = Count(BatchJobResult.StatusOf(RepairStatus.Repaired));
        var passing = Count(BatchJobResult.StatusOf(RepairStatus.AlreadyPassing));
        var rejected = Count(BatchJobResult.Rejected);
        var failed = Count(BatchJobResult.Failed) + Count(BatchJobResult.Canceled);
        return new(batchId, results.Count, repaired, passing, results.Count - repaired - passing - rejected - failed, rejected, failed, problem, BatchBlobNames.Report(batchId));
    }
}

/// <summary>A batch's progress, as its orchestration's custom status.</summary>
public sealed record BatchProgress(int Jobs, int Done, int Running, int Repaired);
