using Microsoft.DurableTask;
using Wand.Batch;
using Wand.GitHub;
using Wand.Plumbing;
using Wand.Repair;
using Wand.Search;

namespace Wand;

/// <summary>
/// Wand's orchestrators and activities, by name, and their registration for the Durable Task
/// SDK (what `wand` runs). Each capability names its own tasks (<see cref="RepairTasks"/>,
/// <see cref="BatchTasks"/>, <see cref="GitHubTasks"/>); this is the one place that knows them
/// all, and no capability depends on it. The Functions app declares a <c>[Function]</c> for each
/// name; a test holds the two lists to each other.
/// </summary>
public static class WandTasks
{

    public static IReadOnlyList<string> Orchestrators { get; } = [RepairOrchestrator.Name, BatchOrchestrator.Name, PullRequestFixOrchestrator.Name];

    /// <summary>Each activity's name and the Durable Task activity type that runs it.</summary>
    public static IReadOnlyList<(string Name, Type Type)> Activities { get; } =
    [
        (RepairTasks.EvaluateBaseline, typeof(DurableActivity<EvaluateBaselineActivity, BaselineRequest, BaselineEvaluation>)),
        (RepairTasks.GenerateCandidate, typeof(DurableActivity<GenerateCandidateActivity, GenerationRequest, GeneratedCandidate>)),
        (RepairTasks.EvaluateCandidate, typeof(DurableActivity<EvaluateCandidateActivity, EvaluationRequest, CandidateSummary>)),
        (RepairTasks.SearchCandidates, typeof(DurableActivity<SearchCandidatesActivity, SearchRequest, SearchRoundResult>)),
        (RepairTasks.ExamineBehaviour, typeof(DurableActivity<ExamineBehaviourActivity, BehaviourRequest, Behaviour.BehaviourEvidence>)),
        (RepairTasks.WriteReport, typeof(DurableActivity<WriteReportActivity, ReportRequest, RepairOutcome>)),
        (BatchTasks.PrepareBatch, typeof(DurableActivity<PrepareBatchActivity, BatchRequest, BatchPlan>)),
        (BatchTasks.WriteBatchReport, typeof(DurableActivity<WriteBatchReportActivity, BatchReportRequest, BatchSummary>)),
        (GitHubTasks.PreparePullRequestFix, typeof(DurableActivity<PreparePullRequestFixActivity, GitHub.PreparePullRequestFix, PreparedPullRequest>)),
        (GitHubTasks.PublishPullRequestFix, typeof(DurableActivity<PublishPullRequestFixActivity, GitHub.PublishPullRequestFix, PullRequestFixOutcome>)),
    ];

    public static DurableTaskRegistry AddWandTasks(this DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<RepairRequest, RepairOutcome>(RepairOrchestrator.Name, (context, request) => RepairOrchestrator.RunAsync(context, request));
        registry.AddOrchestratorFunc<BatchRequest, BatchSummary>(BatchOrchestrator.Name, (context, request) => BatchOrchestrator.RunAsync(context, request));
        registry.AddOrchestratorFunc<PullRequestFixRequest, PullRequestFixOutcome>(PullRequestFixOrchestrator.Name, (context, request) => PullRequestFixOrchestrator.RunAsync(context, request));
        foreach (var (name, type) in Activities)
        {
            registry.AddActivity(name, type);
        }

        return registry;
    }
}
