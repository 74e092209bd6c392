using Wand.Behaviour;
using Wand.Storage;

namespace Wand.Repair;

public enum RepairStatus
{
    /// <summary>A candidate passed every test, twice.</summary>
    Repaired,

    /// <summary>The code passed every test as given: nothing to repair.</summary>
    AlreadyPassing,

    /// <summary>No candidate passed every test within the budget; <see cref="RepairOutcome.Best"/> is the best partial one.</summary>
    NotRepaired,

    /// <summary>The unchanged code gave different test outcomes on reruns: not repaired, because there is no stable failure to repair.</summary>
    FlakyBaseline,

    /// <summary>No test ran on the unchanged code: nothing to repair against, and no candidate was tried (<see cref="RepairOutcome.StopReason"/> says how to point the runner at the tests).</summary>
    NoTests,

    /// <summary>The job's environment (<c>.wand.yml</c>'s setup or image) could not be made: nothing ran; the baseline's stderr holds the setup log's tail.</summary>
    SetupFailed,
}

/// <summary>The result of a repair: what happened, the best candidate, what was spent, where the report is.</summary>
/// <param name="StopReason">Why the search ended, in words.</param>
/// <param name="Best">The best candidate other than the original code (null when none was evaluated).</param>
/// <param name="FlakyTests">Tests whose outcome changed between runs of the same code.</param>
/// <param name="LlmCallsSaved">Hybrid: the LLM calls of the rounds the search made unnecessary by finishing the repair first.</param>
/// <param name="Notes">What was changed from what the caller asked, such as a budget capped to the configured one (<see cref="RepairRequest.Notes"/>).</param>
/// <param name="Suspicious">Candidates whose tests all passed and which were caught gaming them: never offered, listed with why (<see cref="CandidateSummary.Suspicion"/>).</param>
/// <param name="Behaviour">What the passing candidates did on inputs amplified from the tests, and the fix's confidence label (repaired outcomes only; null when the probe is off).</param>
public sealed record RepairOutcome(
    string JobId,
    RepairStatus Status,
    string StopReason,
    CandidateSummary Baseline,
    CandidateSummary? Best,
    RepairSpending Spending,
    int Generated,
    int Duplicates,
    int Unusable,
    IReadOnlyList<string> FlakyTests,
    BlobRef? Report = null,
    BlobRef? MarkdownReport = null,
    BlobRef? HtmlReport = null,
    RepairGenerator Generator = RepairGenerator.Llm,
    int LlmCallsSaved = 0,
    IReadOnlyList<string>? Notes = null,
    IReadOnlyList<CandidateSummary>? Suspicious = null,
    BehaviourEvidence? Behaviour = null)
{
    /// <summary>
    /// How sure Wand is: the fix's label (likely-correct, plausible) from <see cref="Behaviour"/>;
    /// suspicious when no fix is offered because the only candidates that passed were caught gaming the tests; else none.
    /// </summary>
    public Confidence? Confidence => Behaviour?.Confidence ?? (Status != RepairStatus.Repaired && Suspicious is { Count: > 0 } ? Wand.Behaviour.Confidence.Suspicious : null);
}
