using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Wand.Behaviour;
using Wand.Repair;
using Wand.Search;

namespace Wand.Functions.Pipeline;

/// <summary>
/// The repair orchestrator and its activities as Durable Functions: thin adapters over the
/// same Core code `wand` registers through <see cref="WandTasks"/>. Each function's name is
/// the Core constant, and a test holds this class to <see cref="WandTasks"/>.
/// </summary>
public sealed class RepairFunctions(
    EvaluateBaselineActivity baseline,
    GenerateCandidateActivity generate,
    EvaluateCandidateActivity evaluate,
    SearchCandidatesActivity search,
    ExamineBehaviourActivity behaviour,
    WriteReportActivity report)
{
    [Function(RepairOrchestrator.Name)]
    public static Task<RepairOutcome> Repair([OrchestrationTrigger] TaskOrchestrationContext context) =>
        RepairOrchestrator.RunAsync(context, context.GetInput<RepairRequest>()
            ?? throw new InvalidOperationException($"{RepairOrchestrator.Name} was started without a {nameof(RepairRequest)}"));

    [Function(RepairTasks.EvaluateBaseline)]
    public Task<BaselineEvaluation> EvaluateBaseline([ActivityTrigger] BaselineRequest input, CancellationToken cancellationToken) =>
        baseline.RunAsync(input, cancellationToken);

    [Function(RepairTasks.GenerateCandidate)]
    public Task<GeneratedCandidate> GenerateCandidate([ActivityTrigger] GenerationRequest input, CancellationToken cancellationToken) =>
        generate.RunAsync(input, cancellationToken);

    [Function(RepairTasks.EvaluateCandidate)]
    public Task<CandidateSummary> EvaluateCandidate([ActivityTrigger] EvaluationRequest input, CancellationToken cancellationToken) =>
        evaluate.RunAsync(input, cancellationToken);

    [Function(RepairTasks.SearchCandidates)]
    public Task<SearchRoundResult> SearchCandidates([ActivityTrigger] SearchRequest input, CancellationToken cancellationToken) =>
        search.RunAsync(input, cancellationToken);

    [Function(RepairTasks.ExamineBehaviour)]
    public Task<BehaviourEvidence> ExamineBehaviour([ActivityTrigger] BehaviourRequest input, CancellationToken cancellationToken) =>
        behaviour.RunAsync(input, cancellationToken);

    [Function(RepairTasks.WriteReport)]
    public Task<RepairOutcome> WriteReport([ActivityTrigger] ReportRequest input, CancellationToken cancellationToken) =>
        report.RunAsync(input, cancellationToken);
}
