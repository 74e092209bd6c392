using Microsoft.DurableTask;
using Wand.Activities;
using Wand.Batch;
using Wand.GitHub;

namespace Wand.Pipeline;

/// <summary>
/// The names of Wand's orchestrators and activities, and their registration for the Durable
/// Task SDK (what `wand` runs). The Functions app declares a <c>[Function]</c> for each name;
/// a test holds the two lists to each other.
/// </summary>
public static class WandTasks
{
    public const string EvaluateBaseline = "EvaluateBaseline";
    public const string GenerateCandidate = "GenerateCandidate";
    public const string EvaluateCandidate = "EvaluateCandidate";
    public const string SearchCandidates = "SearchCandidates";
    public const string WriteReport = "WriteReport";
    public const string PrepareBatch = "PrepareBatch";
    public const string WriteBatchReport = "WriteBatchReport";
    public const string PreparePullRequestFix = "PreparePullRequestFix";
    public const string PublishPullRequestFix = "PublishPullRequestFix";

    public static IReadOnlyList<string> Orchestrators { get; } = [RepairOrchestrator.Name, BatchOrchestrator.Name, PullRequestFixOrchestrator.Name];

    /// <summary>Each activity's name and the Durable Task activity type that runs it.</summary>
    public static IReadOnlyList<(string Name, Type Type)> Activities { get; } =
    [
        (EvaluateBaseline, typeof(DurableActivity<EvaluateBaselineActivity, BaselineRequest, BaselineEvaluation>)),
        (GenerateCandidate, typeof(DurableActivity<GenerateCandidateActivity, GenerationRequest, GeneratedCandidate>)),
        (EvaluateCandidate, typeof(DurableActivity<EvaluateCandidateActivity, EvaluationRequest, CandidateSummary>)),
        (SearchCandidates, typeof(DurableActivity<SearchCandidatesActivity, SearchRequest, SearchRoundResult>)),
        (WriteReport, typeof(DurableActivity<WriteReportActivity, ReportRequest, RepairOutcome>)),
        (PrepareBatch, typeof(DurableActivity<PrepareBatchActivity, BatchRequest, BatchPlan>)),
        (WriteBatchReport, typeof(DurableActivity<WriteBatchReportActivity, BatchReportRequest, BatchSummary>)),
        (PreparePullRequestFix, typeof(DurableActivity<PreparePullRequestFixActivity, GitHub.PreparePullRequestFix, PreparedPullRequest>)),
        (PublishPullRequestFix, typeof(DurableActivity<PublishPullRequestFixActivity, GitHub.PublishPullRequestFix, PullRequestFixOutcome>)),
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
